using Bot.Tests.Fixtures;

namespace Bot.Tests.Assistant;

/// <summary>
/// `scripts/bot eval FILE --model` scores a labelled set through the production path against the configured endpoint:
/// the rules read what they are sure of, the model the rest, and the model's requests, latency and tokens are reported.
/// </summary>
public sealed class EvalWithModelCommandLineTests
{
    private const string Labels = """
        {"user": "lina", "text": "刚给星辰网络的李总打了电话，他嫌贵，下周三再跟进", "now": "2026-11-25T10:00:00+08:00", "expected": {"intent": "log_interaction", "customer": "星辰网络科技有限公司", "customer_status": "resolved", "contact": "李伟", "channel": "phone", "objections": ["price"], "amount": null, "next_followup": "2026-12-02T00:00:00+08:00", "stage": null, "period": null, "tier": null}}
        {"user": "lina", "text": "唉 随便吧", "now": "2026-11-25T10:00:00+08:00", "expected": {"intent": "help", "customer": null, "customer_status": "none", "contact": null, "channel": null, "objections": [], "amount": null, "next_followup": null, "stage": null, "period": null, "tier": null}}
        """;

    [Fact]
    public async Task EvalWithModel_ModelReadsWhatTheRulesAreUnsureOf_FiguresAndTokensPrinted()
    {
        await using var model = await FakeOpenAiServer.StartAsync();
        model.Script(new FakeReply.ToolCall("sales-help", "{}"));
        var file = Path.Combine(Path.GetTempPath(), $"eval-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllTextAsync(file, Labels + "\n");
        try
        {
            var book = Path.Combine(AppContext.BaseDirectory, "TestData", "nlu", "books", "demo.json");
            var environment = new Dictionary<string, string> { ["Llm__Endpoint"] = model.Endpoint, ["Llm__Model"] = "fake-model", ["Llm__ApiKey"] = "sk-test" };

            var withModel = await BotProcess.RunAsync("Host=127.0.0.1;Port=1", TestEnvironment.NewRedisPrefix(), environment, "eval", file, "--book", book, "--model");
            var rulesOnly = await BotProcess.RunAsync("Host=127.0.0.1;Port=1", TestEnvironment.NewRedisPrefix(), "eval", file, "--book", book);

            Assert.True(withModel.ExitCode == 0, withModel.Error);
            Assert.Contains("2 messages; intent 100.0 %", withModel.Output);
            Assert.Contains("模型：问了 1 条（规则没把握的），采用 1 条", withModel.Output);
            Assert.Contains("模型请求 1 次（失败 0），tokens 输入 120、输出 30", withModel.Output);
            Assert.Single(model.Requests);
            Assert.Contains("2 messages; intent 50.0 %", rulesOnly.Output);
            Assert.DoesNotContain("模型", rulesOnly.Output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task EvalWithModel_NoEndpointConfigured_SaysWhatToSet()
    {
        var result = await BotProcess.RunAsync("Host=127.0.0.1;Port=1", TestEnvironment.NewRedisPrefix(), "eval", "none.jsonl", "--model");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("没有配置模型", result.Error);
    }
}
