using Bot.Conversations.Common;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Funnel;

/// <summary>Monday morning: each manager gets last week's team funnel against the week before, with the per-rep lines.</summary>
public sealed class WeeklyFunnelPush(FunnelReportBuilder builder, IUserDirectory users)
{
    public async Task<ScheduledOutput> RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        var monday = PeriodRange.For(ReportPeriod.LastWeek, ChinaTime.DateOf(now)).Current.Start;
        var notices = new List<ScheduledNotice>();
        foreach (var manager in (await users.ListActiveAsync(ct)).Where(u => u.Role == UserRole.Manager))
        {
            var team = await users.ListTeamAsync(manager.Id, ct);
            if (team.Count == 0)
                continue;
            var owners = team.Select(u => u.Id).Append(manager.Id).ToHashSet();
            var report = await builder.BuildAsync("团队", owners, ReportPeriod.LastWeek, now, perRep: true, ct);
            notices.Add(new ScheduledNotice($"funnel:weekly:{manager.WeComUserId}:{monday:yyyy-MM-dd}", manager.WeComUserId, Reply.Markdown(report)));
        }
        return new ScheduledOutput(notices);
    }
}
