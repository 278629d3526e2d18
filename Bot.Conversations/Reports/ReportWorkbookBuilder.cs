using Bot.Conversations.Common;
using Bot.Conversations.Customers;
using Bot.Conversations.Funnel;
using Bot.Conversations.Targets;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding;
using Microsoft.Extensions.Options;

namespace Bot.Conversations.Reports;

/// <summary>An exported report: the workbook and the file name it goes by (销售报表_团队_本月_20261201.xlsx).</summary>
public sealed record ExportedReport(string FileName, ReportWorkbookContent Content, FunnelReport Funnel);

/// <summary>
/// The funnel report as a workbook a manager can filter and forward: 概览 (the period's figures), 按销售 (the per-rep
/// × stage table with targets), 商机预测 (the deals expected to sign, weighted) and 每日跟进 (the activity by day).
/// The same numbers as in chat, from the same queries.
/// </summary>
public sealed class ReportWorkbookBuilder(FunnelReportBuilder funnel, ISalesResults results, ITargetRepository targets, IOptions<ForecastOptions> odds)
{
    public async Task<ExportedReport> BuildAsync(ReportAudience audience, SalesUser? viewer, ReportPeriod period, DateTimeOffset now, CancellationToken ct)
    {
        var today = ChinaTime.DateOf(now);
        var report = await funnel.BuildAsync(audience.Whose, audience.OwnerIds, period, now, perRep: true, ct);
        var range = report.Period;
        var targetPeriod = period is ReportPeriod.ThisQuarter or ReportPeriod.LastQuarter or ReportPeriod.NextQuarter
            ? TargetPeriod.QuarterOf(range.Start) : TargetPeriod.MonthOf(range.Start);
        var progress = await TargetProgress.BuildAsync(targets, results, audience, viewer, targetPeriod, ct);
        var pipeline = await results.PipelineAsync(audience.OwnerIds, range.End, 5000, ct);
        var title = $"{audience.Whose}销售报表 · {range.Label}（{range.Start:yyyy-MM-dd} 至 {range.End.AddDays(-1):yyyy-MM-dd}）";
        var fileName = $"销售报表_{audience.Whose.TrimEnd('的')}_{range.Label}_{today:yyyyMMdd}.xlsx";
        return new ExportedReport(fileName, new ReportWorkbookContent(title,
        [
            Overview(report, progress),
            PerRep(report, progress),
            Deals(pipeline, odds.Value),
            new ReportSheet("每日跟进", ["日期", "跟进次数", "成交客户"], [.. report.Days.Select(d => (IReadOnlyList<object?>)[d.Day, d.Interactions, d.Won])]),
        ]), report);
    }

    private static ReportSheet Overview(FunnelReport report, TargetProgress progress)
    {
        var f = report.Figures;
        List<IReadOnlyList<object?>> rows =
        [
            ["期间", $"{report.Period.Start:yyyy-MM-dd} 至 {report.Period.End.AddDays(-1):yyyy-MM-dd}"],
            ["成交客户", f.WonDeals],
            ["签约金额（元）", f.SignedAmount],
            ["下单金额（元）", f.OrderAmount],
            ["下单笔数", f.OrderCount],
            ["跟进次数", f.Interactions],
            [$"{report.Period.PreviousLabel}成交客户", report.Before.WonDeals],
            [$"{report.Period.PreviousLabel}签约金额（元）", report.Before.SignedAmount],
            [$"{report.Period.PreviousLabel}跟进次数", report.Before.Interactions],
        ];
        foreach (var stage in f.Stages)
            rows.Add([$"{stage.Stage.ChineseName()}：现有 / 期内新进", $"{stage.Now} / {stage.Entered}"]);
        foreach (var stage in f.Stages.Where(s => s.Stage is FunnelStage.Lead or FunnelStage.Qualified or FunnelStage.Negotiation && s.Present > 0))
            rows.Add([$"{stage.Stage.ChineseName()}转化率（期内推进到下一阶段或更后）", Math.Round((double)stage.Advanced / stage.Present, 4)]);
        rows.Add(["提醒到期 / 按时完成 / 逾期未办", $"{f.FollowUpsDue} / {f.FollowUpsOnTime} / {f.FollowUpsOverdue}"]);
        if (progress.GroupTarget is { } target)
        {
            rows.Add([$"目标（{(progress.GroupTargetIsSum ? "个人目标合计" : "整体")}，元）", target]);
            rows.Add(["已签（元）", progress.GroupSignedAmount]);
            rows.Add(["完成率", target > 0 ? Math.Round((double)(progress.GroupSignedAmount / target), 4) : null]);
        }
        return new ReportSheet("概览", ["项目", "数值"], rows);
    }

    private static ReportSheet PerRep(FunnelReport report, TargetProgress progress)
    {
        var targets = progress.People.ToDictionary(p => p.Name, p => p.Target);
        return new ReportSheet("按销售",
            ["销售", "潜在（现有）", "意向（现有）", "洽谈（现有）", "期内成交", "期内流失", "跟进次数", "签约金额", "下单金额", "目标", "完成率"],
            [.. report.Figures.PerRep.Select(r =>
            {
                var target = targets.GetValueOrDefault(r.Name);
                return (IReadOnlyList<object?>)[r.Name, r.Lead, r.Qualified, r.Negotiation, r.Won, r.Lost, r.Interactions, r.SignedAmount, r.OrderAmount,
                    target, target is > 0 ? Math.Round((double)(r.SignedAmount / target.Value), 4) : null];
            })]);
    }

    private static ReportSheet Deals(PipelineFigures pipeline, ForecastOptions odds) => new("商机预测",
        ["客户", "商机", "负责人", "阶段", "金额", "赢单率", "加权金额", "预计签约"],
        [.. pipeline.ClosingDeals.Select(d => (IReadOnlyList<object?>)[d.Customer, d.Title, d.Owner, d.Stage.ChineseName(), d.Amount,
            odds.Probability(d.Stage), d.Amount is { } a ? Math.Round(a * (decimal)odds.Probability(d.Stage), 2) : null, d.ExpectedClose])]);
}
