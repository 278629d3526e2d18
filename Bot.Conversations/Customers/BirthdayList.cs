using Bot.Conversations.Common;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Digest;
using Bot.Conversations.Funnel;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Customers;

/// <summary>
/// "这周有哪些客户过生日" / "本月过生日的客户": the contacts of the user's customers (a manager's team's) whose birthday —
/// a lunar one on this year's date — falls in the period asked, soonest first; the next seven days when none is said.
/// </summary>
public sealed class BirthdayList(IDigestQueries queries)
{
    public static bool IsAsked(string text) => SalesVocabulary.ContainsAny(text, "生日", "过寿", "寿辰");

    public async Task<IReadOnlyList<Reply>> ShowAsync(ConversationContext context, CancellationToken ct)
    {
        var today = context.Today;
        var (from, until, label) = UpcomingDays.For(context.Parsed, today);
        var team = context.Scope.OwnerIds?.Count != 1;
        var lines = (await queries.BirthdaysAsync(context.Scope.OwnerIds, ct))
            .Select(b => (Contact: b, On: b.Birthday.NextOn(from)))
            .Where(b => b.On is { } on && on < until)
            .OrderBy(b => b.On).ThenBy(b => b.Contact.CustomerName, StringComparer.Ordinal)
            .Select(b => new ListLine($"· {ChineseFormat.Day(b.On!.Value, today)} {b.Contact.CustomerName} {b.Contact.ContactName}"
                + (b.Contact.Title is null ? "" : " " + b.Contact.Title) + (b.Contact.Birthday.Lunar ? "（农历生日）" : "")
                + (team && b.Contact.OwnerName is { } owner ? $" · {owner}" : "")))
            .ToList();
        if (lines.Count == 0)
            return [Reply.Plain($"{label}没有客户联系人过生日。")];
        return await ListPages.ShowAsync(context.Dialog, $"**{label}过生日的客户联系人（{lines.Count} 位）**", $"{label}过生日", lines, context.Now, ct);
    }
}
