using Bot.Tests.Fixtures;

namespace Bot.Tests.Assistant;

/// <summary>
/// A model that is down costs the first messages their retry and nothing after that: the breaker opens, the rules
/// answer at once without a request, and one probe after the break finds the model back.
/// </summary>
public sealed class CircuitBreakerTests(BreakerAssistantBot fixture) : IClassFixture<BreakerAssistantBot>
{
    private readonly FakeOpenAiServer _model = fixture.Model;

    [Fact]
    public async Task ModelDown_BreakerOpens_RulesAnswerWithoutAsking_ThenProbeCloses()
    {
        _model.Script(new FakeReply.Status(503), new FakeReply.Status(503));

        var (first, _, firstRequests) = await fixture.SayVagueAsync("lina");
        Assert.StartsWith(AssistantBot.RulesAnswer, first);
        Assert.True(firstRequests == 2, _model.Served);

        // Open: the model is not asked at all.
        var (second, took, secondRequests) = await fixture.SayVagueAsync("zhangwei");
        Assert.StartsWith(AssistantBot.RulesAnswer, second);
        Assert.Equal(0, secondRequests);
        // Answered without waiting for the model's timeout: the bound is what an open breaker saves, not a guess at speed.
        Assert.True(took < BreakerAssistantBot.Timeout, $"took {took}");

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        _model.Script(new FakeReply.ToolCall("sales-help", "{}"));
        var (third, _, thirdRequests) = await fixture.SayVagueAsync("chenjing");
        Assert.Equal(1, thirdRequests);
        Assert.StartsWith("你好，我是销售助手", third);
    }
}
