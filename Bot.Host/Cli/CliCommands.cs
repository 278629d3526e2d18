using System.Diagnostics;
using Bot.Conversations;
using Bot.Conversations.Assistant;
using Bot.Conversations.Operations;
using Bot.Host.Doctor;
using Bot.Host.Hosting;
using Bot.Host.Llm;
using Bot.Host.Reports;
using Bot.Host.Scheduling;

namespace Bot.Host.Cli;

/// <summary>The one-shot commands: each builds the same services as the host, does its job and exits.</summary>
internal static class CliCommands
{
    public static async Task<int> MigrateAsync(CancellationToken ct)
    {
        await using var app = BotHost.BuildServices();
        var applied = await app.Services.GetRequiredService<ISchemaMigrations>().MigrateAsync(ct);
        Console.WriteLine(applied.Count == 0
            ? "数据库结构已是最新。"
            : $"已应用迁移：{string.Join("、", applied.Select(v => v.ToString("D4")))}");
        return 0;
    }

    public static async Task<int> SeedDemoAsync(CancellationToken ct)
    {
        await using var app = BotHost.BuildServices();
        await app.Services.GetRequiredService<ISchemaMigrations>().MigrateAsync(ct);
        var seeded = await app.Services.GetRequiredService<IDemoCompany>().SeedIfEmptyAsync(ct);
        Console.WriteLine(seeded ? "已载入演示公司：1 位经理、4 位销售、60 个客户。" : "数据库里已有客户，没有载入演示数据。");
        return 0;
    }

    public static async Task<int> ImportAsync(ImportKind kind, FileInfo file, CancellationToken ct)
    {
        if (!file.Exists)
        {
            await Console.Error.WriteLineAsync($"找不到文件：{file.FullName}");
            return 1;
        }
        await using var app = BotHost.BuildServices();
        await app.Services.GetRequiredService<ISchemaMigrations>().MigrateAsync(ct);
        var bytes = await File.ReadAllBytesAsync(file.FullName, ct);
        var watch = Stopwatch.StartNew();
        var outcome = await app.Services.GetRequiredService<IImports>().ImportAsync(kind, bytes, ct);
        if (!outcome.Imported)
        {
            await Console.Error.WriteLineAsync($"无法导入 {file.Name}：{outcome.Report}");
            return 1;
        }
        Console.WriteLine(outcome.Report);
        Console.WriteLine($"用时 {watch.Elapsed.TotalSeconds:0.00} 秒");
        return 0;
    }

    public static async Task<int> ImportGuidesAsync(DirectoryInfo directory, CancellationToken ct)
    {
        if (!directory.Exists)
        {
            await Console.Error.WriteLineAsync($"找不到目录：{directory.FullName}");
            return 1;
        }
        await using var app = BotHost.BuildServices();
        await app.Services.GetRequiredService<ISchemaMigrations>().MigrateAsync(ct);
        Console.WriteLine(await app.Services.GetRequiredService<IImports>().ImportGuidesAsync(directory.FullName, ct));
        return 0;
    }

    public static async Task<int> OutboxStatusAsync(CancellationToken ct)
    {
        await using var app = BotHost.BuildServices();
        var outbox = app.Services.GetRequiredService<IOutboxAdmin>();
        var summary = await outbox.SummaryAsync(ct);
        if (summary.Count == 0)
            Console.WriteLine("发件箱是空的。");
        foreach (var row in summary)
            Console.WriteLine($"{StatusName(row.Status)}（{row.Status}）：{row.Count} 条，最早 {Beijing(row.Oldest)}");
        foreach (var (why, count, until) in await outbox.WaitingAsync(ct))
            Console.WriteLine($"  等待 {count} 条：{why}（最晚 {Beijing(until)}）");
        var stuck = await outbox.RecentAsync(["parked"], 20, ct);
        foreach (var row in stuck.Where(r => r.LastError is not null))
            Console.WriteLine($"  #{row.Id} 搁置 → {row.Recipient}，尝试 {row.Attempts} 次：{row.LastError}");
        return 0;
    }

    private static string Beijing(DateTime? utc) =>
        utc is { } at ? Bot.Conversations.Common.ChinaTime.ToChina(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc))).ToString("yyyy-MM-dd HH:mm:ss 北京时间", System.Globalization.CultureInfo.InvariantCulture) : "";

    public static async Task<int> OutboxRetryAsync(long id, CancellationToken ct)
    {
        await using var app = BotHost.BuildServices();
        if (await app.Services.GetRequiredService<IOutboxAdmin>().RequeueAsync(id, ct))
        {
            Console.WriteLine($"#{id} 已放回队列，运行中的机器人会马上重发。");
            return 0;
        }
        await Console.Error.WriteLineAsync($"没有搁置中的消息 #{id}（只有 parked 状态的消息可以重发）。");
        return 1;
    }

    public static Task<int> RecomputeTiersAsync(CancellationToken ct) => RunJobAsync("NightlyTiers", null, ct);

    public static async Task<int> JobsStatusAsync(CancellationToken ct)
    {
        await using var app = BotHost.BuildServices(services => services.AddJobsAlone());
        await app.Services.GetRequiredService<ISchemaMigrations>().MigrateAsync(ct);
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SchedulingOptions>>().Value;
        var latest = (await app.Services.GetRequiredService<IJobRuns>().LatestAsync(ct)).ToDictionary(r => r.Job);
        Console.WriteLine(options.Enabled ? "定时任务（北京时间）：" : "定时任务（本机配置为关闭：Scheduling:Enabled=false）：");
        foreach (var (name, cron) in options.Cron.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var next = new Quartz.CronExpression(cron, Bot.Conversations.Common.ChinaTime.Zone).GetNextValidTimeAfter(DateTimeOffset.UtcNow);
            var last = latest.TryGetValue(name, out var run)
                ? $"上次 {Local(run.StartedAt)}（{run.Instance}）{(run.Outcome switch { "ok" => "成功", "failed" => "失败", _ => "运行中" })}：{run.Detail}"
                : "还没运行过";
            Console.WriteLine($"  {name,-22} {cron,-18} 下次 {(next is { } n ? Local(n.UtcDateTime) : "—")}  {last}");
        }
        return 0;
    }

    /// <summary>Runs one job now in this process, outside the schedule; what it sends goes through the outbox as usual.</summary>
    public static async Task<int> RunJobAsync(string name, DateTimeOffset? at, CancellationToken ct)
    {
        await using var app = BotHost.BuildServices(services => services.AddJobsAlone());
        await app.Services.GetRequiredService<ISchemaMigrations>().MigrateAsync(ct);
        var job = app.Services.GetServices<IScheduledJob>().FirstOrDefault(j => string.Equals(j.Name, name, StringComparison.OrdinalIgnoreCase));
        if (job is null)
        {
            await Console.Error.WriteLineAsync($"没有叫 {name} 的定时任务。可选：{string.Join("、", app.Services.GetServices<IScheduledJob>().Select(j => j.Name))}");
            return 1;
        }
        Console.WriteLine(await job.RunAsync(at ?? DateTimeOffset.UtcNow, ct));
        return 0;
    }

    private static string Local(DateTime utc) =>
        Bot.Conversations.Common.ChinaTime.ToChina(new DateTimeOffset(utc, TimeSpan.Zero)).ToString("MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<int> ParseAsync(CancellationToken ct)
    {
        await using var app = BotHost.BuildServices(services => services.AddConversations().AddReportRendering().AddSingleton<ParseCommand>());
        await app.Services.GetRequiredService<ISchemaMigrations>().MigrateAsync(ct);
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        return await app.Services.GetRequiredService<ParseCommand>().RunAsync(Console.In, Console.Out, ct);
    }

    /// <summary>With a book file nothing is opened; without one the users and customers come from the database.</summary>
    public static async Task<int> EvalAsync(FileInfo file, FileInfo? book, bool misses, bool model, CancellationToken ct)
    {
        if (book is not null && !model)
            return await UnderstandingCommands.EvalAsync(file, book, misses, null, () => throw new InvalidOperationException("no database needed"));
        var configuration = BotHost.CreateBuilder([]).Configuration;
        if (model && !(configuration.GetSection(LlmOptions.Section).Get<LlmOptions>()?.Enabled ?? false))
        {
            await Console.Error.WriteLineAsync("没有配置模型：请先设置 Llm__Endpoint、Llm__Model（和 Llm__ApiKey），见 README「可选的语言模型」。");
            return 1;
        }
        await using var app = BotHost.BuildServices(services =>
        {
            services.AddConversations().AddReportRendering();
            if (model)
                services.AddLlm(configuration);
        });
        var assistant = model ? (app.Services.GetRequiredService<IUnderstandingAssistant>(), app.Services.GetRequiredService<ModelUsage>()) : ((IUnderstandingAssistant, ModelUsage)?)null;
        if (book is not null)
            return await UnderstandingCommands.EvalAsync(file, book, misses, assistant, () => throw new InvalidOperationException("no database needed"));
        await app.Services.GetRequiredService<ISchemaMigrations>().MigrateAsync(ct);
        var users = app.Services.GetRequiredService<Bot.Conversations.Team.IUserDirectory>();
        var view = await app.Services.GetRequiredService<Bot.Conversations.Customers.CustomerDirectory>().GetAsync(ct);
        return await UnderstandingCommands.EvalAsync(file, null, misses, assistant, () => Task.FromResult<(Bot.Conversations.Customers.CustomerDirectory.View, Func<string, Task<Bot.Conversations.Team.UserScope?>>)>(
            (view, async user => await users.FindByWeComIdAsync(user, ct) is { Active: true } found ? await Bot.Conversations.Team.UserScope.ForAsync(found, users, ct) : null)));
    }

    public static async Task<int> CustomerRightsAsync(bool forget, string name, bool json, CancellationToken ct)
    {
        await using var app = BotHost.BuildServices(services => services.AddConversations().AddReportRendering().AddSingleton<CustomerRightsCommand>());
        await app.Services.GetRequiredService<ISchemaMigrations>().MigrateAsync(ct);
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        var command = app.Services.GetRequiredService<CustomerRightsCommand>();
        return forget
            ? await command.ForgetAsync(name, Console.Out, Console.Error, ct)
            : await command.ExportAsync(name, json, Console.Out, Console.Error, ct);
    }

    /// <summary>Merges <paramref name="merged"/> into <paramref name="survivor"/>, or with <paramref name="undo"/> undoes that merge.</summary>
    public static async Task<int> MergeAsync(string? survivor, string? merged, string? owner, long? undo, CancellationToken ct)
    {
        await using var app = BotHost.BuildServices(services => services.AddConversations().AddReportRendering().AddSingleton<MergeCommand>());
        await app.Services.GetRequiredService<ISchemaMigrations>().MigrateAsync(ct);
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        var command = app.Services.GetRequiredService<MergeCommand>();
        return undo is { } auditId
            ? await command.UndoAsync(auditId, Console.Out, Console.Error, ct)
            : await command.MergeAsync(survivor!, merged!, owner, Console.Out, Console.Error, ct);
    }

    public static async Task<int> ReportFunnelAsync(string period, string? user, FileInfo output, CancellationToken ct)
    {
        await using var app = BotHost.BuildServices(services => services.AddConversations().AddReportRendering().AddSingleton<ReportCommand>());
        await app.Services.GetRequiredService<ISchemaMigrations>().MigrateAsync(ct);
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        return await app.Services.GetRequiredService<ReportCommand>().ExportFunnelAsync(period, user, output, Console.Out, Console.Error, ct);
    }

    public static async Task<int> ReassignAsync(string? from, string? to, string? customers, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to))
        {
            await Console.Error.WriteLineAsync("用法：scripts/bot reassign --from 原负责人userid --to 接手人userid [--customers \"客户A,客户B\"]；查看进度：scripts/bot reassign status");
            return 2;
        }
        await using var app = BotHost.BuildServices(services => services.AddJobsAlone().AddSingleton<ReassignCommand>());
        await app.Services.GetRequiredService<ISchemaMigrations>().MigrateAsync(ct);
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        return await app.Services.GetRequiredService<ReassignCommand>().ReassignAsync(from.Trim(), to.Trim(), customers, Console.Out, Console.Error, ct);
    }

    public static async Task<int> ReassignStatusAsync(CancellationToken ct)
    {
        await using var app = BotHost.BuildServices(services => services.AddJobsAlone().AddSingleton<ReassignCommand>());
        await app.Services.GetRequiredService<ISchemaMigrations>().MigrateAsync(ct);
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        return await app.Services.GetRequiredService<ReassignCommand>().StatusAsync(Console.Out, ct);
    }

    public static async Task<int> DoctorAsync(CancellationToken ct)
    {
        await using var app = BotHost.BuildServices(services => services.AddDoctor());
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        return await app.Services.GetRequiredService<DoctorRunner>().RunAsync(Console.Out, ct);
    }

    private static string StatusName(string status) => status switch
    {
        "pending" => "待发送",
        "sending" => "发送中",
        "sent" => "已发送",
        "parked" => "已搁置",
        _ => status,
    };
}
