using Bot.Conversations.Common;
using Bot.Conversations.Reports;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding;

namespace Bot.Host.Cli;

/// <summary>
/// `report funnel --period this_month --out 报表.xlsx [--user U]`: the same workbook 「把本月报表导出来」 sends in
/// chat, written to a file — for the whole company, or as the member <c>--user</c> would see it.
/// </summary>
internal sealed class ReportCommand(ReportWorkbookBuilder builder, IReportWorkbook workbook, IUserDirectory users, TimeProvider clock)
{
    /// <summary>The period codes of `scripts/bot parse` (this_month…); Chinese (本月, 上周, Q4) is read as in chat.</summary>
    public static ReportPeriod? ParsePeriod(string text, DateOnly today) =>
        Enum.GetValues<ReportPeriod>().Cast<ReportPeriod?>().FirstOrDefault(p => string.Equals(p!.Value.Code(), text.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? SalesVocabulary.Period(text, today);

    public async Task<int> ExportFunnelAsync(string period, string? user, FileInfo output, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (ParsePeriod(period, ChinaTime.DateOf(now)) is not { } asked)
        {
            await stderr.WriteLineAsync($"看不懂期间「{period}」。可用：this_week、last_week、this_month、last_month、this_quarter、last_quarter、this_year，或 本月、上周 这样的中文。");
            return 2;
        }
        ReportAudience audience;
        SalesUser? viewer;
        if (user is null)
        {
            audience = await ReportAudience.CompanyAsync(users, ct);
            viewer = (await users.ListActiveAsync(ct)).FirstOrDefault(u => u.Role == UserRole.Admin);
        }
        else if (await users.FindByWeComIdAsync(user, ct) is { Active: true } found)
        {
            audience = await ReportAudience.ForAsync(found, (await UserScope.ForAsync(found, users, ct)).OwnerIds, "", users, ct);
            viewer = found;
        }
        else
        {
            await stderr.WriteLineAsync($"找不到在职成员「{user}」（用企业微信 userid）。");
            return 2;
        }
        var report = await builder.BuildAsync(audience, viewer, asked, now, ct);
        var path = output.FullName;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, workbook.Write(report.Content), ct);
        await stdout.WriteLineAsync($"{report.Content.Title}\n已写入 {path}（{string.Join("、", report.Content.Sheets.Select(s => $"{s.Name} {s.Rows.Count} 行"))}）");
        return 0;
    }
}
