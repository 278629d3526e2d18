using System.Globalization;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Team;

namespace Bot.Conversations.Churn;

/// <summary>
/// What the nightly scan tells each owner: one line per customer newly at risk with the win-back step, the most
/// urgent few one by one and the rest in a single pointer to the list, so a bad night never floods a rep.
/// </summary>
public sealed class ChurnNotices(IUserDirectory users)
{
    public const int OneByOne = 5;

    public async Task<IReadOnlyList<ScheduledNotice>> ForAsync(IReadOnlyList<ChurnChange> changes, DateOnly today, CancellationToken ct)
    {
        var day = today.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var notices = new List<ScheduledNotice>();
        foreach (var group in changes.GroupBy(c => c.Facts.OwnerId))
        {
            if (group.Key is not { } ownerId || await users.GetAsync(ownerId, ct) is not { Active: true } owner)
                continue;
            var ranked = group.OrderBy(c => ChurnRules.Rank(c.Findings)!.Value, ChurnRank.MostUrgentFirst).ThenBy(c => c.Facts.CustomerId).ToList();
            foreach (var change in ranked.Take(OneByOne))
            {
                var fresh = change.Findings.Where(f => change.NewSignals.Contains(f.Signal)).ToList();
                var text = $"⚠️ 流失预警：{change.Facts.Name}，{string.Join("；", fresh.Select(f => f.Reason))}。建议：{fresh[0].WinBack}。";
                notices.Add(new ScheduledNotice($"churn:{change.Facts.CustomerId}:{fresh[0].Signal}:{day}", owner.WeComUserId, Reply.Plain(text)));
            }
            if (ranked.Count > OneByOne)
                notices.Add(new ScheduledNotice($"churn:more:{owner.WeComUserId}:{day}", owner.WeComUserId,
                    Reply.Plain($"另有{ranked.Count - OneByOne}个客户新出现流失信号，发「哪些客户快流失了」查看全部。")));
        }
        return notices;
    }
}
