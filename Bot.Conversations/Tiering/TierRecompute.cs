using Bot.Conversations.Common;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Team;

namespace Bot.Conversations.Tiering;

public sealed record TierRecomputeResult(int Customers, int Changed, IReadOnlyList<Notice> Notices);

/// <summary>
/// Re-tiers the whole book (the nightly job and `scripts/bot tiers` call this) and tells each owner about
/// their customers whose tier moved ("海川医疗 B→A：近12个月合作12.3万"). A first tiering is not news.
/// </summary>
public sealed class TierRecompute(ITierStore store, CustomerTierPolicy policy, IUserDirectory users, TimeProvider clock)
{
    public async Task<TierRecomputeResult> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var facts = await store.LoadFactsAsync(today, null, ct);
        var verdicts = facts.Select(f => new TierVerdict(f.CustomerId, policy.Assess(f, today))).ToList();
        var changed = await store.SaveAsync(verdicts, now, ct);

        var notices = new List<Notice>();
        var byId = facts.ToDictionary(f => f.CustomerId);
        foreach (var group in verdicts.Where(v => byId[v.CustomerId].CurrentTier is { } current && current != v.Assessment.Tier)
                     .GroupBy(v => byId[v.CustomerId].OwnerId))
        {
            if (group.Key is not { } ownerId || await users.GetAsync(ownerId, ct) is not { Active: true } owner)
                continue;
            var lines = group.Select(v => $"{byId[v.CustomerId].Name} {byId[v.CustomerId].CurrentTier}→{v.Assessment.Tier}：{string.Join("，", v.Assessment.Reasons)}");
            notices.Add(new Notice(owner.WeComUserId, Reply.Plain("客户分级有变化：\n" + string.Join("\n", lines))));
        }
        return new TierRecomputeResult(facts.Count, changed, notices);
    }
}
