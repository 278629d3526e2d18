using System.Net;
using Bot.Sandbox.Emulator;
using Bot.Tests.Fixtures;

namespace Bot.Tests.Sandbox;

/// <summary>What a newcomer meets first: / leads to the sandbox, and opening the chat the first time greets them with three things to try in their role.</summary>
public sealed class FirstHourTests : IAsyncLifetime
{
    private LiveBot _bot = null!;

    public async Task InitializeAsync() => _bot = await LiveBot.StartWithDemoCompanyAsync();

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    [Fact]
    public async Task Root_RedirectsToTheSandboxPage()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(_bot.BaseUrl) };

        using var response = await http.GetAsync("");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/sandbox", response.Headers.Location?.ToString());
    }

    [Theory]
    [InlineData("lina", "我今天要跟进谁")]
    [InlineData("wangqiang", "本周漏斗")]
    public async Task OpeningTheChatTheFirstTime_GreetedWithThreeThingsToTryInTheirRole_OnlyOnce(string user, string oneOfThem)
    {
        await _bot.ControlAsync<CallbackDelivery>("app/enter-agent", new MemberRequest(user));

        var greeting = LiveBot.TextOf(Assert.Single(await _bot.MessagesToAsync(user, 1)));
        Assert.Contains("可以先试试", greeting);
        Assert.Contains("3. ", greeting);
        Assert.Contains(oneOfThem, greeting);

        await _bot.ControlAsync<CallbackDelivery>("app/enter-agent", new MemberRequest(user));
        await _bot.SayAsync(user, "帮助", 2);
        Assert.Equal(2, (await _bot.MessagesToAsync(user, 3, TimeSpan.FromMilliseconds(500))).Count);
    }
}
