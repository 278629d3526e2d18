using Bot.Conversations.Common;
using Bot.Conversations.Customers;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding.Model;

namespace Bot.Conversations.Understanding;

/// <summary>
/// Understanding of one message: read its names, dates and amounts (<see cref="MessageReading"/>), let the trained
/// classifiers (<see cref="UnderstandingModel"/>) say what it asks for, which channel, stage move and objections it
/// reports, then fill each intent's slots and say what makes a write doubtful. Exact rules stay where they are
/// exact: dates, amounts, an explicitly named stage (改成洽谈), periods and tiers. No network, no writes:
/// `scripts/bot parse` and the live bot call the same code.
/// </summary>
public sealed partial class MessageParser(CustomerDirectory directory)
{
    /// <summary>Below this the intent is doubtful (chosen on the dev set, see `scripts/train`).</summary>
    public const float SureIntent = 0.8f;

    /// <summary>From this much probability on reading intents, a writing message may be a question.</summary>
    public const float QuestionShare = 0.12f;

    private const float ObjectionThreshold = 0.5f;

    private static readonly string[] FollowUpCues = ["跟进", "再联系", "再约", "回访", "再谈", "再打", "再去", "再聊", "答复", "回复", "联系", "拜访", "提醒", "见面", "开会", "演示", "复盘", "follow"];

    // The contact did not happen: the rep may still want it logged, but is asked first.
    private static readonly string[] MissedCues = ["没人接", "没接", "未接", "没打通", "打不通", "关机", "占线", "无人接听", "没见着", "没见到", "没见上", "扑空", "没在", "不在公司", "已读不回", "没回", "不回"];

    public async Task<ParsedMessage> ParseAsync(string text, UserScope scope, DateTimeOffset now, CancellationToken ct, long? customerId = null)
    {
        var view = await directory.GetAsync(ct);
        return Parse(text, scope, now, view, customerId);
    }

    /// <param name="customerId">Set when the user already chose the customer (answering "which one?").</param>
    /// <param name="intent">Set when the intent is already known (a confirmed reading, the model's reading).</param>
    /// <param name="model">The trained classifiers to use; the shipped ones unless a freshly trained set is being measured.</param>
    public static ParsedMessage Parse(
        string raw, UserScope scope, DateTimeOffset now, CustomerDirectory.View view, long? customerId = null, Intent? intent = null, UnderstandingModel? model = null)
    {
        var reading = MessageReading.Of(raw, now, view);
        var read = (model ?? UnderstandingModel.Shipped).Read(reading.ModelText);
        var (code, confidence) = read.TopIntent;
        var decided = intent ?? IntentCatalogue.FromCode(code);
        var customer = customerId is { } chosen
            ? new CustomerResolution.Resolved(chosen, ContactAt(reading.Names, chosen), view.Customers.TryGetValue(chosen, out var c) ? c.LegalName : "")
            : IntentCatalogue.Of(decided) is { ReadsOwnNames: true } ? new CustomerResolution.NotMentioned()
            : CustomerResolution.Resolve(reading.Names, view.OwnerOf, scope);
        // Customers handed over together (「星辰和海川交给李娜」) name no single one; the handler reads them all.
        if (decided == Intent.ReassignCustomers && customerId is null && reading.Names.Where(n => n.CustomerIds.Count > 0 && n.Members.Count == 0).DistinctBy(n => n.Text).Count() > 1)
            customer = new CustomerResolution.NotMentioned();

        var stage = SalesVocabulary.NamedStage(reading.Rest) ?? StageOf(read);
        var followUp = PickFollowUp(reading.Rest, reading.Times, now);
        if (decided is Intent.SetReminder && followUp is null && reading.Times.Count > 0)
            followUp = reading.Times[0];
        if (decided is Intent.ListCustomers)
            stage = SalesVocabulary.StageFilter(reading.Text);
        var slots = new Slots(
            ChannelOf(read), read.ObjectionsAbove(ObjectionThreshold), reading.Amounts.Select(a => (decimal?)a.Yuan).FirstOrDefault(),
            followUp is null ? null : followUp.At ?? ChinaTime.At(followUp.Date, TimeOnly.MinValue), followUp is { Time: not null, Approximate: false },
            stage, SalesVocabulary.Period(reading.Text, ChinaTime.DateOf(now)), SalesVocabulary.Tier(reading.Text));
        if (decided is Intent.DeleteRecord or Intent.EditRecord)
            (customer, slots) = Records.RecordWording.Slots(decided, reading, now, customer, slots);
        var parsed = Assemble(decided, reading.Text, customer, slots, reading.Redacted) with { Confidence = intent is null ? confidence : 1 };
        return parsed with { Doubts = intent is null ? DoubtsOf(parsed, read, reading, followUp) : Doubts.None };
    }

    /// <summary>Everything a message may fill in, before it is known which of it the intent uses.</summary>
    public readonly record struct Slots(
        InteractionChannel? Channel, IReadOnlyList<Objection> Objections, decimal? Amount, DateTimeOffset? FollowUpAt, bool FollowUpHasTime,
        FunnelStage? Stage, ReportPeriod? Period, CustomerTier? Tier);

    /// <summary>
    /// Slots belong to the intents that read them (<see cref="IntentCatalogue"/>): "金桥的周建华电话多少" asks for a
    /// number, it logs no call.
    /// </summary>
    public static ParsedMessage Assemble(Intent intent, string text, CustomerResolution customer, Slots slots, bool redacted)
    {
        var spec = IntentCatalogue.Of(intent);
        bool Reads(string slot) => spec?.Reads(slot) ?? false;
        return new ParsedMessage(
            intent, text, customer,
            Reads(Slot.Channel) ? slots.Channel : null,
            Reads(Slot.Objections) ? slots.Objections : [],
            Reads(Slot.Amount) ? slots.Amount : null,
            Reads(Slot.FollowUp) ? slots.FollowUpAt : null,
            Reads(Slot.FollowUp) && slots.FollowUpAt is not null && slots.FollowUpHasTime,
            Reads(Slot.Stage) ? slots.Stage : null,
            Reads(Slot.Period) ? slots.Period : null,
            slots.Tier, redacted);
    }

    private static InteractionChannel? ChannelOf(ClassifierReading model) =>
        model.TopChannel is var (code, p) && code != ModelTrainer.NoClass && p >= 0.5f ? InteractionChannels.FromCode(code) : null;

    private static FunnelStage? StageOf(ClassifierReading model) =>
        model.TopStage is var (code, p) && code != ModelTrainer.NoClass && p >= 0.5f ? FunnelStages.FromCode(code) : null;

    // A message that ends like a question is confirmed before anything is written, however sure the intent: 「让李娜去拜访
    // 金禾，她去了没」 reads much like the assignment it asks about.
    [System.Text.RegularExpressions.GeneratedRegex(@"(吗|么|嘛|没|没有|呢|来着|[?？])[\s。.!！~]*$")]
    private static partial System.Text.RegularExpressions.Regex EndsAsQuestion();

    private static Doubts DoubtsOf(ParsedMessage parsed, ClassifierReading model, MessageReading reading, TimeExpression? followUp)
    {
        if (!parsed.Intent.Writes())
            return Doubts.None;
        var doubts = Doubts.None;
        if (parsed.Confidence < SureIntent)
            doubts |= Doubts.UnsureIntent;
        if (model.Asking >= QuestionShare || EndsAsQuestion().IsMatch(reading.Text))
            doubts |= Doubts.MaybeQuestion;
        if (parsed.Customer is CustomerResolution.Resolved { Certain: false })
            doubts |= Doubts.UncertainName;
        if (parsed.Intent == Intent.LogInteraction && MissedCues.Any(reading.Rest.Contains))
            doubts |= Doubts.FailedAttempt;
        if (parsed.FollowUpAt is not null && followUp is { Time: { } time, Approximate: false } && (time < new TimeOnly(8, 0) || time > new TimeOnly(21, 0)))
            doubts |= Doubts.NightTime;
        return doubts;
    }

    /// <summary>
    /// The date that is about the next step: one near a follow-up word, else the last future one. "昨天拜访了，
    /// 下周三再跟进" has two dates; the follow-up is the second.
    /// </summary>
    private static TimeExpression? PickFollowUp(string text, IReadOnlyList<TimeExpression> times, DateTimeOffset now)
    {
        var today = ChinaTime.DateOf(now);
        var future = times.Where(t => (t.Date > today || (t.Date == today && t.At is { } at && at > now)) && !WhenItHappened(text, t)).ToList();
        if (future.Count == 0)
            return null;
        // The date closest before a follow-up word wins ("明天放假，下周三再约" → 下周三); then one just after one.
        TimeExpression? best = null;
        var bestDistance = int.MaxValue;
        foreach (var time in future)
        {
            var end = time.Start + time.Length;
            foreach (var cue in FollowUpCues)
            {
                var at = text.IndexOf(cue, end, StringComparison.OrdinalIgnoreCase);
                if (at >= 0 && at - end < 8 && at - end < bestDistance)
                    (best, bestDistance) = (time, at - end);
                var before = text.LastIndexOf(cue, Math.Max(0, time.Start - 1), StringComparison.OrdinalIgnoreCase);
                if (before >= 0 && time.Start - before - cue.Length is var gap and >= 0 and < 6 && gap + 8 < bestDistance)
                    (best, bestDistance) = (time, gap + 8);
            }
        }
        return best ?? future[^1];
    }

    /// <summary>
    /// A part of the day said alone is when the reported contact took place ("上午给海川打了电话"), unless a next step
    /// follows it ("下午再打").
    /// </summary>
    private static bool WhenItHappened(string text, TimeExpression time) =>
        time.Approximate && PartsOfDay.Contains(time.Text.Trim())
        && !FollowUpCues.Any(cue => text.IndexOf(cue, time.Start + time.Length, StringComparison.OrdinalIgnoreCase) is var at and >= 0 && at - time.Start - time.Length <= 3)
        && !text.AsSpan(time.Start + time.Length).TrimStart().StartsWith("再");

    private static readonly string[] PartsOfDay = ["清晨", "早晨", "早上", "一早", "上午", "中午", "下午", "傍晚", "晚上", "夜里"];

    private static long? ContactAt(IReadOnlyList<NameMatch> matches, long customerId) =>
        matches.SelectMany(m => m.Contacts).FirstOrDefault(c => c.CustomerId == customerId)?.Id;
}
