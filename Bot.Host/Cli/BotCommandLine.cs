using System.CommandLine;
using Bot.Conversations.Operations;
using Bot.Host.Hosting;

namespace Bot.Host.Cli;

/// <summary>
/// <c>serve</c>, <c>migrate</c>, <c>doctor</c>, <c>import users|customers|orders|deals|targets FILE</c>, <c>demo</c>, <c>merge A B</c>, <c>report funnel</c>,
/// <c>reassign</c>.
/// No arguments, or only host options such as --urls, means serve.
/// </summary>
public static class BotCommandLine
{
    private static readonly HashSet<string> HelpOrVersion = ["-h", "-?", "--help", "--version"];

    /// <param name="addOn">What `serve` adds to the host: the sandbox build's emulator and page; nothing in production.</param>
    public static async Task<int> RunAsync(string[] args, HostAddOn? addOn = null)
    {
        if (args.Length == 0 || (args[0].StartsWith('-') && !HelpOrVersion.Contains(args[0])))
        {
            await BotHost.BuildWebApp(args, seedDemo: false, addOn: addOn).RunAsync();
            return 0;
        }
        var parsed = Build(addOn).Parse(args);
        // A server stops on SIGTERM through the host's own lifetime, which waits for in-flight messages and sends; the
        // command line's handler would end the process two seconds after the signal, whatever was still running.
        var invocation = parsed.CommandResult.Command.Name == "serve" ? new InvocationConfiguration { ProcessTerminationTimeout = null } : null;
        return await parsed.InvokeAsync(invocation);
    }

    private static RootCommand Build(HostAddOn? addOn)
    {
        var demo = new Option<bool>("--demo") { Description = "数据库为空时载入演示公司" };
        // Anything else (--urls, --environment …) goes to ASP.NET Core as it is.
        var serve = new Command("serve", "启动机器人（WeCom 回调、定时任务、健康检查）；其余选项如 --urls 交给 ASP.NET Core") { demo };
        serve.TreatUnmatchedTokensAsErrors = false;
        serve.SetAction(async (result, ct) =>
        {
            await BotHost.BuildWebApp([.. result.UnmatchedTokens], result.GetValue(demo), addOn: addOn).RunAsync(ct);
            return 0;
        });

        var migrate = new Command("migrate", "把数据库结构升级到最新");
        migrate.SetAction((_, ct) => CliCommands.MigrateAsync(ct));

        var doctor = new Command("doctor", "对照企业微信逐项检查配置（Secret、可信IP、可见范围、客户联系、回调、数据库、Redis、时钟、模型），每项一行，说明去哪里改");
        doctor.SetAction((_, ct) => CliCommands.DoctorAsync(ct));

        var seed = new Command("demo", "数据库为空时载入演示公司");
        seed.SetAction((_, ct) => CliCommands.SeedDemoAsync(ct));

        var import = new Command("import", "从 CSV 导入（UTF-8 或 GBK，表头中英文均可）");
        foreach (var kind in Enum.GetValues<ImportKind>())
        {
            var file = new Argument<FileInfo>("file") { Description = "CSV 文件路径" };
            var command = new Command(kind.ToString().ToLowerInvariant(), ImportDescription(kind)) { file };
            command.SetAction((result, ct) => CliCommands.ImportAsync(kind, result.GetValue(file)!, ct));
            import.Subcommands.Add(command);
        }
        var guideDirectory = new Argument<DirectoryInfo>("dir") { Description = "指南所在目录（.txt / .md / .docx）" };
        var guides = new Command("guides", "导入公司的销售指南，切分成带异议标签的话术段落") { guideDirectory };
        guides.SetAction((result, ct) => CliCommands.ImportGuidesAsync(result.GetValue(guideDirectory)!, ct));
        import.Subcommands.Add(guides);

        var outbox = new Command("outbox", "查看和重发待发消息");
        var status = new Command("status", "各状态的消息数，以及最近搁置（parked）的消息");
        status.SetAction((_, ct) => CliCommands.OutboxStatusAsync(ct));
        var id = new Argument<long>("id") { Description = "消息 ID（见 outbox status）" };
        var retry = new Command("retry", "把一条搁置的消息放回队列重发") { id };
        retry.SetAction((result, ct) => CliCommands.OutboxRetryAsync(result.GetValue(id), ct));
        outbox.Subcommands.Add(status);
        outbox.Subcommands.Add(retry);

        var tiers = new Command("tiers", "重新计算所有客户的分级（ABC、RFM、价值潜力），分级有变化时通知负责人");
        tiers.SetAction((_, ct) => CliCommands.RecomputeTiersAsync(ct));

        var jobs = new Command("jobs", "定时任务：各任务的时间表、下次和上次运行");
        jobs.SetAction((_, ct) => CliCommands.JobsStatusAsync(ct));
        var jobName = new Argument<string>("name") { Description = "任务名（见 jobs），如 DailyDigest" };
        var at = new Option<DateTimeOffset?>("--at") { Description = "当作这个时刻来运行（ISO 8601，如 2026-12-01T08:30:00+08:00）" };
        var runJob = new Command("run", "马上在本进程运行一个任务；发出的消息照常进发件箱") { jobName, at };
        runJob.SetAction((result, ct) => CliCommands.RunJobAsync(result.GetValue(jobName)!, result.GetValue(at), ct));
        jobs.Subcommands.Add(runJob);

        var parse = new Command("parse", "试运行理解：从标准输入读 JSON 行 {\"user\",\"text\",\"now\"}，每行输出一条解析结果，不改任何数据");
        parse.SetAction((_, ct) => CliCommands.ParseAsync(ct));

        var evalFile = new Argument<FileInfo>("file") { Description = "标注好的 JSON 行文件：{\"user\",\"text\",\"now\",\"expected\":{…}}（字段见 Bot.Tests/TestData/nlu/CONVENTIONS.md）" };
        var evalBook = new Option<FileInfo?>("--book") { Description = "客户册 JSON 文件（见 Bot.Tests/TestData/nlu/books）；不给则用数据库里的用户和客户" };
        var evalMisses = new Option<bool>("--misses") { Description = "逐条列出没读对的消息" };
        var evalModel = new Option<bool>("--model") { Description = "走生产路径：规则没把握的消息交给已配置的语言模型（Llm:*），另报模型的延迟和 tokens" };
        var eval = new Command("eval", "给一份标注好的消息打分：意图、每个槽位、混淆表、问句被写入的次数") { evalFile, evalBook, evalMisses, evalModel };
        eval.SetAction((result, ct) => CliCommands.EvalAsync(result.GetValue(evalFile)!, result.GetValue(evalBook), result.GetValue(evalMisses), result.GetValue(evalModel), ct));

        var export = new Command("export", "导出客户的全部数据");
        var forget = new Command("forget", "删除客户的个人信息（不可恢复），统计数据匿名保留");
        foreach (var (parent, erase) in new[] { (export, false), (forget, true) })
        {
            var name = new Argument<string>("name") { Description = "客户全称、简称或联系人" };
            var json = new Option<bool>("--json") { Description = "打印 JSON（给程序读），而不是中文报告" };
            var customer = new Command("customer", erase ? "抹去联系人、电话、生日、沟通原文和提醒内容，写审计日志" : "打印系统里关于该客户的一切：中文、北京时间、人名；--json 给程序读") { name };
            if (!erase)
                customer.Options.Add(json);
            customer.SetAction((result, ct) => CliCommands.CustomerRightsAsync(erase, result.GetValue(name)!, !erase && result.GetValue(json), ct));
            parent.Subcommands.Add(customer);
        }

        var mergeSurvivor = new Argument<string?>("a") { Description = "保留的客户（全称、简称或别名）", Arity = ArgumentArity.ZeroOrOne };
        var mergeMerged = new Argument<string?>("b") { Description = "并入 a 的重复客户", Arity = ArgumentArity.ZeroOrOne };
        var mergeOwner = new Option<string?>("--owner") { Description = "两家负责人不同时，合并后的负责人（企业微信 userid）" };
        var mergeUndo = new Option<long?>("--undo") { Description = "撤销这次合并（审计编号，合并时打印）" };
        var merge = new Command("merge", "把重复客户 b 并入 a：跟进、订单、商机、提醒、联系人（含企业微信关联）等全部转到 a，b 的名称留作别名；写审计日志，可撤销")
            { mergeSurvivor, mergeMerged, mergeOwner, mergeUndo };
        merge.Validators.Add(result =>
        {
            var names = new[] { result.GetValue(mergeSurvivor), result.GetValue(mergeMerged) }.Count(n => n is not null);
            if (result.GetValue(mergeUndo) is null ? names != 2 : names != 0)
                result.AddError("用法：merge 客户A 客户B [--owner userid]，或 merge --undo 审计编号");
        });
        merge.SetAction((result, ct) => CliCommands.MergeAsync(result.GetValue(mergeSurvivor), result.GetValue(mergeMerged), result.GetValue(mergeOwner), result.GetValue(mergeUndo), ct));

        var report = new Command("report", "导出报表");
        var period = new Option<string>("--period") { Description = "期间：this_week、last_week、this_month、last_month、this_quarter、last_quarter、this_year，或 本月、上周", DefaultValueFactory = _ => "this_month" };
        var reportOut = new Option<FileInfo>("--out") { Description = "写到哪个 .xlsx 文件", Required = true };
        var reportUser = new Option<string?>("--user") { Description = "按这位成员看到的范围导出（企业微信 userid）；不给则导出全公司" };
        var funnel = new Command("funnel", "漏斗与业绩报表（概览、按销售含目标、商机预测、每日跟进）写成 Excel") { period, reportOut, reportUser };
        funnel.SetAction((result, ct) => CliCommands.ReportFunnelAsync(result.GetValue(period)!, result.GetValue(reportUser), result.GetValue(reportOut)!, ct));
        report.Subcommands.Add(funnel);

        var from = new Option<string?>("--from") { Description = "原负责人的企业微信 userid" };
        var to = new Option<string?>("--to") { Description = "接手人的企业微信 userid" };
        var customers = new Option<string?>("--customers") { Description = "只转这些客户（名称，逗号分隔）；不给则转原负责人的全部客户" };
        var reassign = new Command("reassign", "把客户（连同未完成的跟进、在跟商机）转给另一位成员，通知双方，并发起企业微信的客户转接") { from, to, customers };
        reassign.SetAction((result, ct) => CliCommands.ReassignAsync(result.GetValue(from), result.GetValue(to), result.GetValue(customers), ct));
        var reassignStatus = new Command("status", "最近 30 天企业微信客户转接的进度：等待、已接替、客户拒绝、失败");
        reassignStatus.SetAction((_, ct) => CliCommands.ReassignStatusAsync(ct));
        reassign.Subcommands.Add(reassignStatus);

        return new RootCommand("销售助手：企业微信里的销售跟进机器人") { serve, migrate, doctor, import, seed, outbox, tiers, jobs, parse, eval, export, forget, merge, report, reassign };
    }

    private static string ImportDescription(ImportKind kind) => kind switch
    {
        ImportKind.Users => "导入用户：userid,name,role,manager（用户ID,姓名,角色,上级）",
        ImportKind.Customers => "导入客户：name,industry,size,owner,contact,title,phone,birthday,stage[,annual_amount,last_order_date,order_count]",
        ImportKind.Orders => "导入订单：customer,date,amount[,order_no]（客户名称,日期,金额[,订单号]）",
        ImportKind.Deals => "导入商机：customer[,title,amount,expected_close,stage,owner,closed_on,deal_no]（客户名称[,商机名称,金额,预计签约日期,阶段,负责人,成交日期,商机编号]）",
        ImportKind.Targets => "导入销售目标：user,period,amount[,scope]（销售,期间,金额[,范围]）",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
