namespace Bot.Tests.WeCom.Emulator;

public sealed class TokenTests
{
    [Fact]
    public async Task GetToken_WrongCorpIdOrSecret_Returns40013And40001()
    {
        await using var emulator = await EmulatorHost.StartAsync();

        var wrongCorp = await emulator.GetAsync($"cgi-bin/gettoken?corpid=nope&corpsecret={EmulatorHost.Secret}");
        var wrongSecret = await emulator.GetAsync($"cgi-bin/gettoken?corpid={EmulatorHost.CorpId}&corpsecret=nope");

        Assert.Equal(40013, wrongCorp.GetProperty("errcode").GetInt32());
        Assert.Equal(40001, wrongSecret.GetProperty("errcode").GetInt32());
    }

    [Fact]
    public async Task GetToken_EachCall_NewTokenOlderStaysValidUntilLifetimeThen42001()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var issued = await emulator.GetAsync($"cgi-bin/gettoken?corpid={EmulatorHost.CorpId}&corpsecret={EmulatorHost.Secret}");
        var first = issued.GetProperty("access_token").GetString();
        Assert.Equal(7200, issued.GetProperty("expires_in").GetInt32());
        Assert.Equal(0, issued.GetProperty("errcode").GetInt32());

        emulator.Clock.Advance(TimeSpan.FromSeconds(7000));
        var second = await emulator.TokenAsync();
        Assert.NotEqual(first, second);
        Assert.Equal(0, await ListErrcode(emulator, first!));

        emulator.Clock.Advance(TimeSpan.FromSeconds(200));
        Assert.Equal(42001, await ListErrcode(emulator, first!));
        Assert.Equal(0, await ListErrcode(emulator, second));
    }

    [Fact]
    public async Task Api_MissingUnknownOrForcedExpiredToken_Returns41001And40014And42001()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var token = await emulator.TokenAsync();

        var missing = await emulator.GetAsync("cgi-bin/externalcontact/list?userid=rep1");
        Assert.Equal(40014, await ListErrcode(emulator, "not-a-token"));
        await emulator.Client.PostAsync("control/tokens/expire", null);

        Assert.Equal(41001, missing.GetProperty("errcode").GetInt32());
        Assert.Equal(42001, await ListErrcode(emulator, token));
    }

    private static async Task<int> ListErrcode(EmulatorHost emulator, string token) =>
        (await emulator.GetAsync($"cgi-bin/externalcontact/list?userid=rep1&access_token={token}")).GetProperty("errcode").GetInt32();
}
