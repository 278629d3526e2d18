using System.Text;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Churn;

/// <summary>"哪些客户快流失了": the customers showing churn signals, strongest first, each with its reason and next step.</summary>
public sealed class ChurnListHandler(ChurnWatchlist watchlist) : IIntentHandler
{
    private const int Shown = 10;

    public async Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var today = context.Today;
        var page = await watchlist.TopAsync(context.Scope.OwnerIds, today, Shown, ct);
        if (page.Total == 0)
            return [Reply.Plain("目前没有流失预警的客户。")];

        var team = context.Scope.OwnerIds?.Count != 1;
        var output = new StringBuilder($"**流失预警 {page.Total} 个**{(page.Total > Shown ? $"（先看最急的{Shown}个）" : "")}");
        foreach (var facts in page.Top)
        {
            var found = ChurnRules.Evaluate(facts, today);
            output.Append($"\n· {facts.Name}{(team && facts.OwnerName is not null ? $"（{facts.OwnerName}）" : "")}：{string.Join("；", found.Select(f => f.Reason))}");
            output.Append($"\n  建议：{found[0].WinBack}");
        }
        return [Reply.Markdown(output.ToString())];
    }
}
