using System.Globalization;
using Bot.Conversations.Care;
using Bot.Conversations.Common;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Funnel;

/// <summary>
/// Monday morning: each manager gets last week's team funnel against the week before, with the per-rep lines, the
/// month's targets so far (achievement, gap, ranking), and how many of last week's customer greetings the team
/// confirmed in WeCom (a greeting only leaves when the rep taps 发送).
/// </summary>
public sealed class WeeklyFunnelPush(FunnelReportBuilder builder, IUserDirectory users, ICareReports care, Targets.ITargetRepository targets, Targets.ISalesResults results)
{
    public async Task<ScheduledOutput> RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        var week = PeriodRange.For(ReportPeriod.LastWeek, ChinaTime.DateOf(now)).Current;
        var monday = week.Start;
        var notices = new List<ScheduledNotice>();
        foreach (var manager in (await users.ListActiveAsync(ct)).Where(u => u.Role == UserRole.Manager))
        {
            var team = await users.ListTeamAsync(manager.Id, ct);
            if (team.Count == 0)
                continue;
            var owners = team.Select(u => u.Id).Append(manager.Id).ToHashSet();
            var report = (await builder.BuildAsync("团队", owners, ReportPeriod.LastWeek, now, perRep: true, ct)).Text(most: 10);
            var month = Targets.TargetPeriod.MonthOf(ChinaTime.DateOf(now));
            var audience = new Reports.ReportAudience("团队", owners, [.. team, manager], null);
            var progress = await Targets.TargetProgress.BuildAsync(targets, results, audience, manager, month, ct);
            if (progress.GroupTarget is not null)
                report += "\n\n" + progress.Render("团队", ChinaTime.DateOf(now), group: true);
            var greetings = await care.ConfirmationRateAsync(owners, week.Start, week.End.AddDays(-1), ct);
            if (greetings.Rate is { } rate)
            {
                report += $"\n客户关怀：{greetings.Total} 条祝福，销售确认发送 {greetings.Confirmed} 条（{rate.ToString("0%", CultureInfo.InvariantCulture)}）"
                    + (greetings.Waiting + greetings.Unconfirmed > 0 ? $"，{greetings.Waiting + greetings.Unconfirmed} 条还没确认" : "");
            }
            notices.Add(new ScheduledNotice($"funnel:weekly:{manager.WeComUserId}:{monday:yyyy-MM-dd}", manager.WeComUserId, Reply.Markdown(report)));
        }
        return new ScheduledOutput(notices);
    }
}
