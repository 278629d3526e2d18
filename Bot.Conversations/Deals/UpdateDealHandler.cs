using Bot.Conversations.Common;
using Bot.Conversations.Customers;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;

namespace Bot.Conversations.Deals;

/// <summary>
/// "华东精密二期，预计15万，12月底签" / "金额改成25万" / "星辰那单推到1月中签": opens a deal or changes the amount or
/// signing date of the one meant — the one named, the only open one, or (no customer named) the one of the customer
/// just written about. Several open deals and none named: it asks, it does not pick.
/// </summary>
public sealed class UpdateDealHandler(ICustomerRepository customers, IDealRepository deals) : IIntentHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var parsed = context.Parsed;
        var customerId = parsed.Customer is CustomerResolution.Resolved r ? r.CustomerId : context.Dialog.Last is { CustomerId: > 0 } last ? last.CustomerId : 0;
        if (customerId == 0 || await customers.GetAsync(customerId, ct) is not { } customer)
            return [Reply.Plain("是哪个客户的商机？带上客户名再说一次，比如「华东精密二期金额改成25万」。")];
        var name = customer.ShortName ?? customer.LegalName;
        var close = parsed.FollowUpAt is { } at ? ChinaTime.DateOf(at) : (DateOnly?)null;
        if (parsed.Amount is null && close is null)
            return [Reply.Plain($"{name}这个商机金额多少、预计什么时候签？比如「{name}预计15万，12月底签」。")];
        if (close is { } day && day < context.Today)
            return [Reply.Plain($"{ChineseFormat.Day(day, context.Today)}已经过去了，预计签约日期换个以后的？")];

        var inbound = context.InboundMessageId;
        string text;
        List<UndoRecord> undo = [];
        var all = await deals.ListForCustomerAsync(customer.Id, ct);
        switch (JustWritten(context, all) ?? DealChoice.Of(parsed.Text, all))
        {
            case DealChoice.Unclear unclear:
                return [Reply.Plain($"{name}有 {unclear.Open.Count} 个在跟的商机：{DealText.Choices(unclear.Open)}。改哪个？带上名称再说一次，比如「{name}{unclear.Open.FirstOrDefault(d => d.Title.Length > 0)?.Title ?? "二期"}金额改成25万」。")];
            case DealChoice.Opening fresh:
                var stage = customer.Stage is FunnelStage.Won or FunnelStage.Lost ? FunnelStage.Qualified : customer.Stage;
                var added = await deals.AddAsync(new NewDeal(customer.Id, customer.OwnerId, fresh.Title, parsed.Amount, close, stage, context.User.Id, inbound), context.Now, ct);
                undo.Add(new DealAdded(added.Id));
                text = $"已新建商机：{added.Label(name)}，{DealText.Terms(added, context.Today)}。";
                break;
            case DealChoice.Existing existing:
                var before = await deals.ChangeAsync(existing.Deal.Id, new DealChange(parsed.Amount, close), context.Now, ct);
                undo.Add(new DealChanged(before));
                text = $"已更新商机 {before.Label(name)}：{Changes(before, parsed.Amount, close, context.Today)}。";
                break;
            default:
                throw new InvalidOperationException("unknown deal choice");
        }
        text += "\n说错了回复「撤销」。";
        await context.RememberWriteAsync(text, customer.Id, undo, ct);
        return [Reply.Plain(text)];
    }

    /// <summary>
    /// 「金额改成25万」 right after a deal was opened or changed, with no customer or deal named, is about that deal.
    /// </summary>
    private static DealChoice.Existing? JustWritten(ConversationContext context, IReadOnlyList<Deal> deals)
    {
        if (context.Parsed.Customer is CustomerResolution.Resolved || DealTitles.Find(context.Parsed.Text) is not null || context.Dialog.Last is not { } last)
            return null;
        var id = last.Undo.Select(u => u switch { DealAdded a => a.Id, DealChanged c => c.Previous.Id, _ => (long?)null }).LastOrDefault(i => i is not null);
        return deals.FirstOrDefault(d => d.Id == id && d.IsOpen) is { } deal ? new DealChoice.Existing(deal) : null;
    }

    private static string Changes(Deal before, decimal? amount, DateOnly? close, DateOnly today)
    {
        var parts = new List<string>();
        if (amount is { } a)
            parts.Add(before.Amount is { } old && old != a ? $"金额 {ChineseFormat.Money(old)}→{ChineseFormat.Money(a)}" : $"金额 {ChineseFormat.Money(a)}");
        if (close is { } c)
            parts.Add(before.ExpectedClose is { } was && was != c ? $"预计签约 {ChineseFormat.Day(was, today)}→{ChineseFormat.Day(c, today)}" : $"预计{ChineseFormat.Day(c, today)}签");
        return string.Join("，", parts);
    }
}
