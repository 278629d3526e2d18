using System.Diagnostics;
using Bot.Tests.Fixtures;

namespace Bot.Tests.Assistant;

/// <summary>
/// A model that is slow, rate-limited, failing or talking nonsense never costs the rep an answer: the rules reply
/// within the configured time limit.
/// </summary>
public sealed class ModelFailureTests(ImpatientAssistantBot fixture) : IClassFixture<ImpatientAssistantBot>
{
    // The classifiers do not understand it, so the model is asked; their answer is the "didn't get that" help line.
    private const string Vague = "唉 随便吧";
    private const string RulesAnswer = "没太明白你的意思";

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(ImpatientAssistantBot.Seconds + 3);

    private readonly FakeOpenAiServer _model = fixture.Model;

    private async Task<(string Reply, TimeSpan Took, int Requests)> SayVagueAsync(string user)
    {
        var seen = _model.Requests.Count;
        var clock = Stopwatch.StartNew();
        var reply = await fixture.SayAsync(user, Vague);
        return (reply, clock.Elapsed, _model.Requests.Count - seen);
    }

    [Fact]
    public async Task SlowModel_RulesAnswerWithinTheTimeout()
    {
        _model.Script(new FakeReply.Slow(TimeSpan.FromSeconds(30), new FakeReply.ToolCall("help", "{}")));

        var (reply, took, _) = await SayVagueAsync("lina");

        Assert.StartsWith(RulesAnswer, reply);
        Assert.True(took < Limit, $"took {took}");
    }

    [Fact]
    public async Task RateLimited_RetriedOnceThenRulesAnswer()
    {
        _model.Script(new FakeReply.Status(429), new FakeReply.Status(429));

        var (reply, took, requests) = await SayVagueAsync("zhangwei");

        Assert.StartsWith(RulesAnswer, reply);
        Assert.True(requests == 2, _model.Served);
        Assert.True(took < Limit, $"took {took}");
    }

    [Fact]
    public async Task ServerErrorOnce_RetrySucceeds_ModelsReadingUsed()
    {
        _model.Script(new FakeReply.Status(503), new FakeReply.ToolCall("help", "{}"));

        var (reply, _, requests) = await SayVagueAsync("chenjing");

        Assert.True(requests == 2, _model.Served);
        Assert.True(!reply.StartsWith(RulesAnswer, StringComparison.Ordinal), _model.Served);
        Assert.StartsWith("你好，我是销售助手", reply);
    }

    [Theory]
    [InlineData("log_interaction", """{"customer": "星辰网络""")]
    [InlineData("log_interaction", """["星辰网络"]""")]
    [InlineData("drop_all_customers", "{}")]
    [InlineData("set_reminder", """{"follow_up_date":"下周三"}""")]
    [InlineData("set_reminder", """{"follow_up_date":"2020-01-01"}""")]
    public async Task MalformedOrImpossibleToolCall_RulesAnswer(string tool, string arguments)
    {
        _model.Script(new FakeReply.ToolCall(tool, arguments));

        var (reply, took, requests) = await SayVagueAsync("liuyang");

        Assert.Equal(1, requests);
        Assert.StartsWith(RulesAnswer, reply);
        Assert.True(took < Limit, $"took {took}");
    }
}
