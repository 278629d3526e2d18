using System.CommandLine;

namespace Bot.Bench;

/// <summary>
/// The benchmarks and the model trainer, as `scripts/bench` and `scripts/train` run them. They use the host's own
/// services and start hosts and emulators of their own; none of it is in the deployed Bot.Host.dll.
/// </summary>
internal static class BenchCommandLine
{
    public static Task<int> RunAsync(string[] args) => Build().Parse(args).InvokeAsync();

    private static RootCommand Build() => new("销售助手的压测与模型训练（scripts/bench、scripts/train）")
    {
        Callbacks(), Nlu(), Reports(), Charts(), Care(), Faults(), Dashboard(), Train(),
    };

    private static Command Callbacks()
    {
        var target = new Option<string>("--target") { Description = "被测机器人的地址", DefaultValueFactory = _ => "http://127.0.0.1:5080/" };
        var rates = new Option<string>("--rates") { Description = "每秒回调数，逗号分隔", DefaultValueFactory = _ => "500,1000,2000,3000" };
        var seconds = new Option<int>("--seconds") { Description = "每档持续秒数", DefaultValueFactory = _ => 5 };
        var command = new Command("callbacks", "压测回调入口：确认速率、延迟、丢失与重复") { target, rates, seconds };
        command.SetAction((result, ct) => BenchCommands.CallbacksAsync(new Uri(result.GetValue(target)!),
            [.. result.GetValue(rates)!.Split(',').Select(int.Parse)], result.GetValue(seconds), ct));
        return command;
    }

    private static Command Nlu()
    {
        var bookSize = new Option<int>("--customers") { DefaultValueFactory = _ => 10_000 };
        var messageCount = new Option<int>("--messages") { DefaultValueFactory = _ => 50_000 };
        var replyTarget = new Option<string?>("--target") { Description = "再测一台运行中的机器人：回调入库到回复进发件箱的延迟" };
        var corpus = new Option<DirectoryInfo?>("--corpus") { Description = "报告已发布模型在各标注集上的成绩（按意图）" };
        var command = new Command("nlu", "压测理解速度（单线程）与回复延迟") { bookSize, messageCount, replyTarget, corpus };
        command.SetAction((result, ct) => result.GetValue(corpus) is { } root
            ? Task.FromResult(ModelCommands.Report(root))
            : BenchCommands.NluAsync(result.GetValue(bookSize), result.GetValue(messageCount), result.GetValue(replyTarget), ct));
        return command;
    }

    private static Command Reports()
    {
        var customers = new Option<int>("--customers") { DefaultValueFactory = _ => 100_000 };
        var perCustomer = new Option<int>("--interactions-per-customer") { DefaultValueFactory = _ => 10 };
        var runs = new Option<int>("--runs") { DefaultValueFactory = _ => 20 };
        var command = new Command("reports", "在当前数据库生成大数据量并压测团队漏斗和流失名单") { customers, perCustomer, runs };
        command.SetAction((result, ct) => BenchCommands.ReportsAsync(result.GetValue(customers), result.GetValue(perCustomer), result.GetValue(runs), ct));
        return command;
    }

    private static Command Charts()
    {
        var runs = new Option<int>("--runs") { DefaultValueFactory = _ => 200 };
        var docs = new Option<DirectoryInfo?>("--docs") { Description = "把三张示例图表写到这个目录（README 用的 docs/chart-*.png）" };
        var command = new Command("charts", "逐一绘制漏斗、目标完成和跟进趋势图各若干次，报告 p50/p95/最大耗时") { runs, docs };
        command.SetAction((result, _) => BenchCommands.ChartsAsync(result.GetValue(runs), result.GetValue(docs)));
        return command;
    }

    private static Command Care()
    {
        var customers = new Option<int>("--customers") { DefaultValueFactory = _ => 100_000 };
        var perMinute = new Option<int>("--per-minute") { Description = "压测时 add_msg_template 每分钟上限", DefaultValueFactory = _ => 15_000 };
        var seconds = new Option<int>("--seconds") { Description = "每个发送进程运行多少秒后被强杀", DefaultValueFactory = _ => 60 };
        var command = new Command("care", "在空数据库生成大量客户，压测春节祝福的入队耗时、发送速率和强杀重启后的重复") { customers, perMinute, seconds };
        command.SetAction((result, ct) => BenchCommands.CareAsync(result.GetValue(customers), result.GetValue(perMinute), result.GetValue(seconds), ct));
        return command;
    }

    private static Command Faults()
    {
        var rate = new Option<int>("--rate") { DefaultValueFactory = _ => 20 };
        var command = new Command("faults", "稳定发消息的同时强杀主机三次、停 Redis 20 秒、数据库拒绝连接 20 秒，逐项核对丢失和重复") { rate };
        command.SetAction((result, ct) => BenchCommands.FaultsAsync(result.GetValue(rate), ct));
        return command;
    }

    private static Command Dashboard()
    {
        var target = new Option<string>("--target") { Required = true };
        var seconds = new Option<int>("--seconds") { DefaultValueFactory = _ => 90 };
        var rate = new Option<double>("--rate") { Description = "每秒发多少条消息", DefaultValueFactory = _ => 2 };
        var json = new Option<FileInfo>("--dashboard") { Required = true };
        var png = new Option<FileInfo>("--out") { Required = true };
        var font = new Option<FileInfo>("--font") { Description = "含中文字形的字体文件", Required = true };
        var command = new Command("dashboard", "向运行中的主机稳定发消息、定时抓取 /metrics，按 Grafana 面板的查询画出 PNG")
            { target, seconds, rate, json, font, png };
        // The scrape token comes from the environment, never the command line (which `ps` shows to everyone).
        command.SetAction((result, ct) => Bench.Dashboard.DashboardBenchmark.RunAsync(new Uri(result.GetValue(target)!),
            Environment.GetEnvironmentVariable("Telemetry__Metrics__Token") ?? "", result.GetValue(seconds), result.GetValue(rate),
            result.GetValue(json)!, result.GetValue(font)!, result.GetValue(png)!, ct));
        return command;
    }

    private static Command Train()
    {
        var corpus = new Option<DirectoryInfo>("--corpus") { DefaultValueFactory = _ => new DirectoryInfo("Bot.Tests/TestData/nlu") };
        var output = new Option<FileInfo>("--out") { DefaultValueFactory = _ => new FileInfo("Bot.Conversations/Understanding/Model/understanding.zip") };
        var dev = new Option<bool>("--dev") { Description = "只在开发集上试：不写出模型，只报告开发集和它的错例（冻结测试集不读）" };
        var command = new Command("train", "用语料训练理解模型（固定种子，可复现），并报告各测试集的成绩") { corpus, output, dev };
        command.SetAction((result, _) => Task.FromResult(result.GetValue(dev)
            ? ModelCommands.TryOnDev(result.GetValue(corpus)!)
            : ModelCommands.Train(result.GetValue(corpus)!, result.GetValue(output)!)));
        return command;
    }
}
