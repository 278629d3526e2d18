using Bot.Conversations.Common;
using Bot.Conversations.Customers;
using Bot.Conversations.Team;

namespace Bot.Conversations.Understanding;

/// <summary>
/// Rules-only understanding of one message: normalise, mask ID and bank card numbers, find customer and
/// contact names in the user's scope, read channel, objections, amount, follow-up time, stage, period and tier,
/// then decide the intent. No network, no writes: `scripts/bot parse` and the live bot call the same code.
/// </summary>
public sealed class MessageParser(CustomerDirectory directory)
{
    private static readonly string[] FollowUpCues = ["跟进", "再联系", "再约", "回访", "再谈", "再打", "再去", "再聊", "答复", "回复", "联系", "拜访", "提醒", "见面", "开会", "演示", "复盘", "follow"];

    public async Task<ParsedMessage> ParseAsync(string text, UserScope scope, DateTimeOffset now, CancellationToken ct, long? customerId = null)
    {
        var view = await directory.GetAsync(ct);
        return Parse(text, scope, now, view, customerId);
    }

    /// <param name="customerId">Set when the user already chose the customer (answering "which one?").</param>
    /// <param name="intent">Set when the intent is already known (the model's reading of a message the rules were unsure of).</param>
    public static ParsedMessage Parse(string raw, UserScope scope, DateTimeOffset now, CustomerDirectory.View view, long? customerId = null, Intent? intent = null)
    {
        var (text, redacted) = PersonalData.Redact(TextNormalizer.Normalize(raw));
        var matches = view.Index.Find(text);
        var customer = customerId is { } chosen
            ? new CustomerResolution.Resolved(chosen, ContactAt(matches, chosen), view.Customers.TryGetValue(chosen, out var c) ? c.LegalName : "")
            : CustomerResolution.Resolve(matches, view.OwnerOf, scope);

        // Names are not amounts or dates: "华东精密" must not become a number, "李总3" must not become the 3rd.
        var rest = Blank(text, matches);
        var channel = SalesVocabulary.Channel(rest);
        var objections = SalesVocabulary.ObjectionsIn(rest);
        var stage = SalesVocabulary.StageChange(rest);
        var amount = ChineseAmounts.FindAll(rest).Select(a => (decimal?)a.Yuan).FirstOrDefault();
        var times = ChineseDateTime.FindAll(rest, now, DateBias.Future);
        var followUp = PickFollowUp(rest, times, now);
        var decided = intent ?? IntentRules.Decide(text, customer, stage, channel, objections, followUp is not null);
        if (decided is Intent.SetReminder && followUp is null && times.Count > 0)
            followUp = times[0];
        if (decided is Intent.ListCustomers)
            stage = SalesVocabulary.StageFilter(text);
        return Assemble(decided, text, customer, new Slots(
            channel, objections, amount, followUp is null ? null : followUp.At ?? ChinaTime.At(followUp.Date, TimeOnly.MinValue), followUp?.Time is not null,
            stage, IsReport(decided) ? SalesVocabulary.Period(text) : null, SalesVocabulary.Tier(text)), redacted);
    }

    /// <summary>Everything a message may fill in, before it is known which of it the intent uses.</summary>
    public readonly record struct Slots(
        InteractionChannel? Channel, IReadOnlyList<Objection> Objections, decimal? Amount, DateTimeOffset? FollowUpAt, bool FollowUpHasTime,
        FunnelStage? Stage, ReportPeriod? Period, CustomerTier? Tier);

    /// <summary>
    /// Slots belong to the intents that use them: "金桥的周建华电话多少" asks for a number, it logs no call.
    /// </summary>
    public static ParsedMessage Assemble(Intent intent, string text, CustomerResolution customer, Slots slots, bool redacted)
    {
        var logs = intent is Intent.LogInteraction;
        var schedules = intent is Intent.LogInteraction or Intent.SetReminder or Intent.UpdateStage or Intent.PostponeReminder;
        return new ParsedMessage(
            intent, text, customer, logs ? slots.Channel : null,
            logs || intent is Intent.ObjectionHelp or Intent.UpdateStage ? slots.Objections : [],
            logs || intent is Intent.UpdateStage ? slots.Amount : null,
            schedules ? slots.FollowUpAt : null,
            schedules && slots.FollowUpAt is not null && slots.FollowUpHasTime,
            intent is Intent.LogInteraction or Intent.UpdateStage or Intent.ListCustomers ? slots.Stage : null,
            IsReport(intent) ? slots.Period : null,
            slots.Tier, redacted);
    }

    private static bool IsReport(Intent intent) => intent is Intent.FunnelReport or Intent.MyTasks or Intent.ChurnList or Intent.ListCustomers;

    /// <summary>
    /// The date that is about the next step: one near a follow-up word, else the only future one. "昨天拜访了，
    /// 下周三再跟进" has two dates; the follow-up is the second.
    /// </summary>
    private static TimeExpression? PickFollowUp(string text, IReadOnlyList<TimeExpression> times, DateTimeOffset now)
    {
        var today = ChinaTime.DateOf(now);
        var future = times.Where(t => t.Date > today || (t.Date == today && t.At is { } at && at > now)).ToList();
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

    private static long? ContactAt(IReadOnlyList<NameMatch> matches, long customerId) =>
        matches.SelectMany(m => m.Contacts).FirstOrDefault(c => c.CustomerId == customerId)?.Id;

    private static string Blank(string text, IReadOnlyList<NameMatch> matches)
    {
        if (matches.Count == 0)
            return text;
        var chars = text.ToCharArray();
        foreach (var match in matches)
        {
            for (var i = match.Start; i < match.Start + match.Length; i++)
                chars[i] = '　';
        }
        return new string(chars);
    }
}
