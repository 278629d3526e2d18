using System.Text;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Churn;

/// <summary>"哪些客户快流失了": the customers showing churn signals, strongest first, each with its reason and next step.</summary>
public sealed class ChurnListHandler(IChurnQueries queries) : IIntentHandler
{
    private const int Shown = 10;

    public Intent Intent => Intent.ChurnList;

    public CustomerNeed Needs => CustomerNeed.None;

    public async Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var candidates = await queries.CandidatesAsync(context.Scope.OwnerIds, context.Today, ct);
        var ranked = candidates
            .Select(c => (Facts: c, Findings: ChurnRules.Evaluate(c, context.Today)))
            .Where(x => x.Findings.Count > 0)
            .OrderBy(x => x.Findings.Min(f => (int)f.Signal))
            .ThenByDescending(x => x.Findings.Count)
            .ToList();
        if (ranked.Count == 0)
            return [Reply.Plain("目前没有流失预警的客户。")];

        var team = context.Scope.OwnerIds?.Count != 1;
        var output = new StringBuilder($"**流失预警 {ranked.Count} 个**{(ranked.Count > Shown ? $"（先看最急的{Shown}个）" : "")}");
        foreach (var (facts, findings) in ranked.Take(Shown))
        {
            output.Append($"\n· {facts.Name}{(team && facts.OwnerName is not null ? $"（{facts.OwnerName}）" : "")}：{string.Join("；", findings.Select(f => f.Reason))}");
            output.Append($"\n  建议：{findings[0].WinBack}");
        }
        return [Reply.Markdown(output.ToString())];
    }
}
