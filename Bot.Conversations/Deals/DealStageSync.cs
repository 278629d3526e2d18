using Bot.Conversations.Common;
using Bot.Conversations.Customers;
using Bot.Conversations.Dialogs;

namespace Bot.Conversations.Deals;

/// <summary>What moving a customer's stage did to its deals: the undo records and a phrase for the reply.</summary>
public sealed record DealMove(IReadOnlyList<UndoRecord> Undo, string? Note);

/// <summary>
/// A customer's stage move carries its deals along: 签了 wins the deal named or the only open one (opening a won one
/// when there was none, so the signed amount counts), 黄了 loses the one named or all open ones, an open stage moves
/// the open deals with it. With several open deals and none named, a win changes no deal and asks which.
/// </summary>
public sealed class DealStageSync(IDealRepository deals)
{
    public async Task<DealMove> MoveAsync(Customer customer, FunnelStage stage, decimal? amount, string text, long actorId, long? inboundId, DateTimeOffset now, CancellationToken ct)
    {
        var name = customer.ShortName ?? customer.LegalName;
        var all = await deals.ListForCustomerAsync(customer.Id, ct);
        var choice = DealChoice.Of(text, all);
        List<UndoRecord> undo = [];
        switch (stage, choice)
        {
            case (FunnelStage.Won, DealChoice.Unclear unclear):
                return new DealMove(undo, $"{name}有 {unclear.Open.Count} 个在跟的商机：{DealText.Choices(unclear.Open)}，签的是哪个？说「{name}{unclear.Open.FirstOrDefault(d => d.Title.Length > 0)?.Title ?? "二期"}签了」我来更新。");
            case (FunnelStage.Won, DealChoice.Opening fresh):
                var won = await deals.AddAsync(new NewDeal(customer.Id, customer.OwnerId, fresh.Title, amount, null, FunnelStage.Won, actorId, inboundId), now, ct);
                undo.Add(new DealAdded(won.Id));
                return new DealMove(undo, amount is null ? $"签约金额是多少？说「{name}签约金额30万」就记上。" : null);
            case (FunnelStage.Won, DealChoice.Existing existing):
                undo.Add(new DealChanged(await deals.ChangeAsync(existing.Deal.Id, new DealChange(amount, Stage: FunnelStage.Won), now, ct)));
                var signed = amount ?? existing.Deal.Amount;
                return new DealMove(undo, $"商机{(existing.Deal.Title.Length == 0 ? "" : "「" + existing.Deal.Title + "」")}记为成交{(signed is { } s ? "，" + ChineseFormat.Money(s) : "")}。");
        }
        List<Deal> moving = choice is DealChoice.Existing { Deal: var one } && DealTitles.Find(text) is not null ? [one] : [.. all.Where(d => d.IsOpen)];
        foreach (var deal in moving.Where(d => d.Stage != stage))
            undo.Add(new DealChanged(await deals.ChangeAsync(deal.Id, new DealChange(Stage: stage), now, ct)));
        return new DealMove(undo, undo.Count == 0 ? null : stage == FunnelStage.Lost ? $"{undo.Count} 个商机记为丢单。" : null);
    }
}
