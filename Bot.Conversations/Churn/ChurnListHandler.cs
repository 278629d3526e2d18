using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Churn;

/// <summary>
/// "哪些客户快流失了": the customers showing churn signals, strongest first, each with its reasons; the next step is
/// said once above the customers it applies to, not repeated on every row.
/// </summary>
public sealed class ChurnListHandler(ChurnWatchlist watchlist) : IIntentHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var today = context.Today;
        var page = await watchlist.TopAsync(context.Scope.OwnerIds, today, ListPages.Most, ct);
        if (page.Total == 0)
            return [Reply.Plain("目前没有流失预警的客户。")];

        var team = context.Scope.OwnerIds?.Count != 1;
        // Groups come in the order of their most urgent customer; the advice follows the strongest signal, so that is the urgency order.
        var lines = page.Top
            .Select(facts => (Facts: facts, Found: ChurnRules.Evaluate(facts, today)))
            .GroupBy(x => x.Found[0].WinBack)
            .SelectMany(advice => advice.Select(x => new ListLine(
                $"· {x.Facts.Name}{(team && x.Facts.OwnerName is not null ? $"（{x.Facts.OwnerName}）" : "")}：{string.Join("；", x.Found.Select(f => f.Reason))}",
                $"建议：{advice.Key}")))
            .ToList();
        return await ListPages.ShowAsync(context.Dialog, $"**流失预警 {page.Total} 个**", "流失预警", lines, context.Now, ct);
    }
}
