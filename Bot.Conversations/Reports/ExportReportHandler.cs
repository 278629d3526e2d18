using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Reports;

/// <summary>"把本月报表导出来": the report of the period asked (this month by default) as an .xlsx file, after a line saying what is in it.</summary>
public sealed class ExportReportHandler(ReportWorkbookBuilder builder, IReportWorkbook workbook, IUserDirectory users) : IIntentHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var audience = await ReportAudience.ForAsync(context, users, ct);
        var report = await builder.BuildAsync(audience, context.User, context.Parsed.Period ?? ReportPeriod.ThisMonth, context.Now, ct);
        var bytes = workbook.Write(report.Content);
        return
        [
            Reply.Plain($"{report.Content.Title}：概览、按销售（含目标）、商机预测、每日跟进四张表，文件马上发你。"),
            Reply.File(report.FileName, bytes, report.FileName),
        ];
    }
}
