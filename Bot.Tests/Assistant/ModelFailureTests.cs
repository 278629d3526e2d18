using Bot.Tests.Fixtures;

namespace Bot.Tests.Assistant;

/// <summary>
/// A model that is slow, rate-limited, failing or talking nonsense never costs the rep an answer: the rules reply
/// within the configured time limit.
/// </summary>
public sealed class ModelFailureTests(ImpatientAssistantBot fixture) : IClassFixture<ImpatientAssistantBot>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(ImpatientAssistantBot.Seconds + 3);

    private readonly FakeOpenAiServer _model = fixture.Model;

    [Fact]
    public async Task SlowModel_RulesAnswerWithinTheTimeout()
    {
        _model.Script(new FakeReply.Slow(TimeSpan.FromSeconds(30), new FakeReply.ToolCall("sales-help", "{}")));

        var (reply, took, _) = await fixture.SayVagueAsync("lina");

        Assert.StartsWith(AssistantBot.RulesAnswer, reply);
        Assert.True(took < Limit, $"took {took}");
    }

    [Fact]
    public async Task RateLimited_RetriedOnceThenRulesAnswer()
    {
        _model.Script(new FakeReply.Status(429), new FakeReply.Status(429));

        var (reply, took, requests) = await fixture.SayVagueAsync("zhangwei");

        Assert.StartsWith(AssistantBot.RulesAnswer, reply);
        Assert.True(requests == 2, _model.Served);
        Assert.True(took < Limit, $"took {took}");
    }

    [Fact]
    public async Task ServerErrorOnce_RetrySucceeds_ModelsReadingUsed()
    {
        _model.Script(new FakeReply.Status(503), new FakeReply.ToolCall("sales-help", "{}"));

        var (reply, _, requests) = await fixture.SayVagueAsync("chenjing");

        Assert.True(requests == 2, _model.Served);
        Assert.True(!reply.StartsWith(AssistantBot.RulesAnswer, StringComparison.Ordinal), _model.Served);
        Assert.StartsWith("你好，我是销售助手", reply);
    }

    [Theory]
    [InlineData("sales-log_interaction", """{"customer": "星辰网络""", 2)]
    [InlineData("sales-log_interaction", """["星辰网络"]""", 2)]
    [InlineData("sales-drop_all_customers", "{}", 2)]
    [InlineData("sales-set_reminder", """{"follow_up_date":"下周三"}""", 1)]
    [InlineData("sales-set_reminder", """{"follow_up_date":"2020-01-01"}""", 1)]
    [InlineData("sales-log_interaction", """{"customer":123,"amount":"很多"}""", 1)]
    public async Task MalformedOrImpossibleToolCall_RulesAnswer(string tool, string arguments, int requestsExpected)
    {
        _model.Script(new FakeReply.ToolCall(tool, arguments));

        var (reply, took, requests) = await fixture.SayVagueAsync("liuyang");

        // A call the kernel cannot even bind (bad JSON, unknown function) goes back to the model once with the error,
        // which here answers nothing; a call that binds is refused by the gate and ends the turn.
        Assert.Equal(requestsExpected, requests);
        Assert.StartsWith(AssistantBot.RulesAnswer, reply);
        Assert.True(took < Limit, $"took {took}");
    }
}
