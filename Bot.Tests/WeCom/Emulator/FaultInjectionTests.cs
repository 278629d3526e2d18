using System.Diagnostics;
using System.Net;
using Bot.Sandbox.Emulator;

namespace Bot.Tests.WeCom.Emulator;

public sealed class FaultInjectionTests
{
    [Fact]
    public async Task Fault_Http500Twice_ThenAnswersNormally()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var path = "cgi-bin/externalcontact/list?userid=rep1&access_token=" + await emulator.TokenAsync();
        await emulator.ControlAsync<ActiveFault>("faults", new FaultRule { Path = "externalcontact/list", Http500 = 2 });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await emulator.Client.GetAsync(path);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK], statuses);
    }

    [Fact]
    public async Task Fault_Errcode45009_OnlyOnItsPathAndOnlyNTimes()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        await emulator.ControlAsync<ActiveFault>("faults", new FaultRule { Path = "gettoken", Errcode = 45009, ErrcodeCount = 1 });
        var tokenPath = $"cgi-bin/gettoken?corpid={EmulatorHost.CorpId}&corpsecret={EmulatorHost.Secret}";

        var limited = await emulator.GetAsync(tokenPath);
        var token = await emulator.TokenAsync();
        var other = await emulator.GetAsync("cgi-bin/externalcontact/list?userid=rep1&access_token=" + token);

        Assert.Equal(45009, limited.GetProperty("errcode").GetInt32());
        Assert.Equal(0, other.GetProperty("errcode").GetInt32());
    }

    [Fact]
    public async Task Fault_ForcedTokenExpiryErrcodeOnEveryPath_ThenCleared()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var token = await emulator.TokenAsync();
        await emulator.ControlAsync<ActiveFault>("faults", new FaultRule { Errcode = 42001, ErrcodeCount = 5 });

        var faulted = await emulator.GetAsync("cgi-bin/externalcontact/list?userid=rep1&access_token=" + token);
        await emulator.Client.DeleteAsync("control/faults");
        var cleared = await emulator.GetAsync("cgi-bin/externalcontact/list?userid=rep1&access_token=" + token);

        Assert.Equal(42001, faulted.GetProperty("errcode").GetInt32());
        Assert.Equal(0, cleared.GetProperty("errcode").GetInt32());
    }

    [Fact]
    public async Task Fault_Latency_DelaysTheAnswer()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var token = await emulator.TokenAsync();
        await emulator.ControlAsync<ActiveFault>("faults", new FaultRule { Path = "externalcontact/list", LatencyMs = 400 });

        var watch = Stopwatch.StartNew();
        var answer = await emulator.GetAsync("cgi-bin/externalcontact/list?userid=rep1&access_token=" + token);

        // Timers may fire a millisecond or two early against the stopwatch; the point is "delayed", not exact.
        Assert.True(watch.ElapsedMilliseconds >= 380, $"answered after {watch.ElapsedMilliseconds} ms");
        Assert.Equal(0, answer.GetProperty("errcode").GetInt32());
    }

    [Fact]
    public async Task Fault_Drop_AbortsConnectionWithoutAnswer()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var token = await emulator.TokenAsync();
        await emulator.ControlAsync<ActiveFault>("faults", new FaultRule { Path = "message/send", Drop = 1 });
        var message = new { touser = "rep1", msgtype = "text", agentid = EmulatorHost.AgentId, text = new { content = "在吗" } };

        await Assert.ThrowsAsync<HttpRequestException>(() => emulator.PostAsync("cgi-bin/message/send?access_token=" + token, message));
        var retried = await emulator.PostAsync("cgi-bin/message/send?access_token=" + token, message);

        Assert.Equal(0, retried.GetProperty("errcode").GetInt32());
        Assert.Single(await emulator.ControlAsync<List<CapturedMessage>>("messages"));
    }

    [Fact]
    public async Task Fault_DropAfterHandling_MessageDeliveredButAnswerLost()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var token = await emulator.TokenAsync();
        await emulator.ControlAsync<ActiveFault>("faults", new FaultRule { Path = "message/send", Drop = 1, DropAfterHandling = true });
        var message = new { touser = "rep1", msgtype = "text", agentid = EmulatorHost.AgentId, text = new { content = "在吗" } };

        await Assert.ThrowsAsync<HttpRequestException>(() => emulator.PostAsync("cgi-bin/message/send?access_token=" + token, message));

        Assert.Single(await emulator.ControlAsync<List<CapturedMessage>>("messages"));
    }
}
