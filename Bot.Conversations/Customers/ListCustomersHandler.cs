using System.Text;
using Bot.Conversations.Common;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Customers;

/// <summary>
/// "我的A类客户" / "制造业的意向客户有哪些" / "逾期没跟进的客户": the user's customers, filtered; "这周有哪些客户过生日"
/// lists the contacts whose birthday comes (<see cref="BirthdayList"/>).
/// </summary>
public sealed class ListCustomersHandler(ICustomerQueries queries, BirthdayList birthdays) : IIntentHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var text = context.Parsed.Text;
        if (BirthdayList.IsAsked(text))
            return await birthdays.ShowAsync(context, ct);
        var industries = await queries.IndustriesAsync(ct);
        var filter = new CustomerFilter(
            context.Parsed.Tier,
            context.Parsed.Stage,
            industries.FirstOrDefault(i => text.Contains(i, StringComparison.Ordinal)),
            SalesVocabulary.ContainsAny(text, "逾期", "超期", "过期", "没跟进", "该跟进"));
        var list = await queries.ListAsync(context.Scope.OwnerIds, filter, context.Now, ListPages.Most + 1, ct);
        var title = Describe(filter);
        if (list.Count == 0)
            return [Reply.Plain($"没有{title}。")];

        var lines = list.Take(ListPages.Most).Select(c => new ListLine(Line(c, context))).ToList();
        var heading = $"**{title}（{(list.Count > ListPages.Most ? $"前{ListPages.Most}个" : list.Count + "个")}）**";
        return await ListPages.ShowAsync(context.Dialog, heading, title, lines, context.Now, ct);
    }

    private static string Line(CustomerSummary c, ConversationContext context)
    {
        var line = new StringBuilder($"· {c.Name} {c.Stage.ChineseName()}{(c.Tier is { } t ? " " + t + "类" : "")}");
        if (context.Scope.OwnerIds?.Count != 1 && c.OwnerName is not null)
            line.Append($" · {c.OwnerName}");
        if (c.OverdueFollowUps > 0)
            line.Append($" · 逾期{c.OverdueFollowUps}");
        else if (c.LastTouchAt is { } last)
            line.Append($" · 上次{ChineseFormat.Day(ChinaTime.DateOf(last), context.Today)}");
        return line.ToString();
    }

    private static string Describe(CustomerFilter filter)
    {
        var parts = new List<string>();
        if (filter.OverdueOnly)
            parts.Add("跟进逾期的");
        if (filter.Industry is not null)
            parts.Add(filter.Industry + "行业");
        if (filter.Tier is { } tier)
            parts.Add(tier + "类");
        if (filter.Stage is { } stage)
            parts.Add(stage.ChineseName());
        return string.Concat(parts) + "客户";
    }
}
