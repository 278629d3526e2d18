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
    public static ParsedMessage Parse(string raw, UserScope scope, DateTimeOffset now, CustomerDirectory.View view, long? customerId = null)
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
        var intent = IntentRules.Decide(text, customer, stage, channel, objections, followUp is not null);
        if (intent is Intent.SetReminder && followUp is null && times.Count > 0)
            followUp = times[0];

        return new ParsedMessage(
            intent, text, customer, channel, objections, amount,
            followUp is null ? null : followUp.At ?? ChinaTime.At(followUp.Date, TimeOnly.MinValue),
            followUp?.Time is not null, stage, SalesVocabulary.Period(text), SalesVocabulary.Tier(text), redacted);
    }

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
        foreach (var time in future)
        {
            var after = text.Substring(time.Start + time.Length, Math.Min(8, text.Length - time.Start - time.Length));
            var before = text.Substring(Math.Max(0, time.Start - 6), Math.Min(6, time.Start));
            if (FollowUpCues.Any(cue => after.Contains(cue, StringComparison.OrdinalIgnoreCase) || before.Contains(cue, StringComparison.OrdinalIgnoreCase)))
                return time;
        }
        return future[^1];
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
