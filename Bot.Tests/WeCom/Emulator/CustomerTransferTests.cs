using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Bot.Sandbox.Emulator;
using Microsoft.AspNetCore.Http;

namespace Bot.Tests.WeCom.Emulator;

/// <summary>客户继承 in the emulator: transfer_customer and transfer_result for serving and resigned members, each error case, the 24 hours.</summary>
public sealed class CustomerTransferTests : IAsyncLifetime
{
    private FakeBot _bot = null!;
    private EmulatorHost _emulator = null!;
    private readonly ConcurrentQueue<Dictionary<string, string>> _events = new();

    public async Task InitializeAsync()
    {
        _bot = await FakeBot.StartAsync((request, _) =>
        {
            _events.Enqueue(AppCallbackTests.DecryptEnvelope(request));
            return Task.FromResult(Results.Ok());
        });
        _emulator = await EmulatorHost.StartAsync(_bot.Url);
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        await _bot.DisposeAsync();
    }

    private async Task<string> CustomerOfAsync(string userId, string name) =>
        (await _emulator.ControlAsync<AddContactResponse>("contacts", new AddContactRequest(userId, name, LoseCallback: true))).ExternalUserId;

    // A token lives two hours on the emulator's clock, which these tests move by days.
    private async Task<JsonElement> TransferAsync(string handover, string takeover, IEnumerable<string> customers, bool resigned = false) =>
        await _emulator.PostAsync($"cgi-bin/externalcontact/{(resigned ? "resigned/" : "")}transfer_customer?access_token={await _emulator.TokenAsync()}",
            new { handover_userid = handover, takeover_userid = takeover, external_userid = customers.ToArray() });

    private async Task<JsonElement> ResultAsync(string handover, string takeover, bool resigned = false) =>
        await _emulator.PostAsync($"cgi-bin/externalcontact/{(resigned ? "resigned/" : "")}transfer_result?access_token={await _emulator.TokenAsync()}",
            new { handover_userid = handover, takeover_userid = takeover, cursor = "" });

    private async Task ControlAsync(string path, object body)
    {
        using var response = await _emulator.Client.PostAsJsonAsync("control/" + path, body, EmulatorJson.Control);
        response.EnsureSuccessStatusCode();
    }

    private static int Errcode(JsonElement answer) => answer.GetProperty("errcode").GetInt32();

    private static Dictionary<string, int> PerCustomer(JsonElement answer, string field) =>
        (answer.TryGetProperty("customer", out var customers) ? customers : throw new Xunit.Sdk.XunitException("no customer in " + answer)).EnumerateArray().ToDictionary(c => c.GetProperty("external_userid").GetString()!, c => c.GetProperty(field).GetInt32());

    private async Task<IReadOnlyList<string>> ListAsync(string userId) =>
        [.. (await _emulator.GetAsync($"cgi-bin/externalcontact/list?userid={userId}&access_token={await _emulator.TokenAsync()}")).GetProperty("external_userid")
            .EnumerateArray().Select(e => e.GetString()!)];

    [Fact]
    public async Task TransferCustomer_Serving_WaitsThenTakenOverAfter24Hours()
    {
        var li = await CustomerOfAsync("rep1", "李总");

        var started = await TransferAsync("rep1", "rep2", [li]);
        var waiting = await ResultAsync("rep1", "rep2");
        _emulator.Clock.Advance(TimeSpan.FromHours(23));
        var stillWaiting = await ResultAsync("rep1", "rep2");
        _emulator.Clock.Advance(TimeSpan.FromHours(1));
        var done = await ResultAsync("rep1", "rep2");

        Assert.Equal((0, 0), (Errcode(started), PerCustomer(started, "errcode")[li]));
        Assert.Equal(2, PerCustomer(waiting, "status")[li]);
        Assert.Equal(_emulator.Clock.GetUtcNow().ToUnixTimeSeconds(), waiting.GetProperty("customer")[0].GetProperty("takeover_time").GetInt64());
        Assert.Equal(2, PerCustomer(stillWaiting, "status")[li]);
        Assert.Equal(1, PerCustomer(done, "status")[li]);
        Assert.Equal([li], await ListAsync("rep2"));
        Assert.Empty(await ListAsync("rep1"));
    }

    [Fact]
    public async Task TransferCustomer_UnknownOrSomeoneElsesOrAlreadyTransferring_ErrorPerCustomer()
    {
        var mine = await CustomerOfAsync("rep1", "王总");
        var busy = await CustomerOfAsync("rep1", "赵总");
        var others = await CustomerOfAsync("rep3", "钱总");
        await TransferAsync("rep1", "rep2", [busy]);

        var answer = await TransferAsync("rep1", "rep2", [mine, "wm-nobody", others, busy]);

        Assert.Equal(0, Errcode(answer));
        Assert.Equal(new Dictionary<string, int> { [mine] = 0, ["wm-nobody"] = 40096, [others] = 40131, [busy] = 40129 }, PerCustomer(answer, "errcode"));
        Assert.Equal([busy, mine], (await ResultAsync("rep1", "rep2")).GetProperty("customer").EnumerateArray().Select(c => c.GetProperty("external_userid").GetString()));
    }

    [Fact]
    public async Task TransferCustomer_BadRequests_RefusedWhole()
    {
        var li = await CustomerOfAsync("rep1", "李总");

        var missing = await _emulator.PostAsync($"cgi-bin/externalcontact/transfer_customer?access_token={await _emulator.TokenAsync()}", new { handover_userid = "rep1", takeover_userid = "rep2" });
        var empty = await TransferAsync("rep1", "rep2", []);
        var tooMany = await TransferAsync("rep1", "rep2", Enumerable.Range(0, 101).Select(i => $"wm{i}"));
        var same = await TransferAsync("rep1", "rep1", [li]);
        var notResigned = await TransferAsync("rep1", "rep2", [li], resigned: true);

        Assert.Equal([41035, 41035, 40035, 40130, 40097], new[] { missing, empty, tooMany, same, notResigned }.Select(Errcode));
        Assert.False(missing.TryGetProperty("customer", out _));
        Assert.Empty((await ResultAsync("rep1", "rep2")).GetProperty("customer").EnumerateArray());
    }

    [Fact]
    public async Task TransferCustomer_ResignedMember_OnlyThroughResignedEndpoint()
    {
        var li = await CustomerOfAsync("rep1", "李总");
        await ControlAsync("members/resign", new MemberRequest("rep1"));

        var serving = await TransferAsync("rep1", "rep2", [li]);
        var resigned = await TransferAsync("rep1", "rep2", [li], resigned: true);
        var servingResult = await ResultAsync("rep1", "rep2");
        _emulator.Clock.Advance(TimeSpan.FromHours(24));
        var done = await ResultAsync("rep1", "rep2", resigned: true);

        Assert.Equal(60111, Errcode(serving));
        Assert.Equal(0, PerCustomer(resigned, "errcode")[li]);
        Assert.Empty(servingResult.GetProperty("customer").EnumerateArray());
        Assert.Equal(1, PerCustomer(done, "status")[li]);
        Assert.Equal([li], await ListAsync("rep2"));
    }

    [Fact]
    public async Task TransferCustomer_ThirdServingTransferIn90Days_40128()
    {
        var li = await CustomerOfAsync("rep1", "李总");
        await TransferAsync("rep1", "rep2", [li]);
        _emulator.Clock.Advance(TimeSpan.FromHours(25));
        Assert.Equal(1, PerCustomer(await ResultAsync("rep1", "rep2"), "status")[li]);
        await TransferAsync("rep2", "rep1", [li]);
        _emulator.Clock.Advance(TimeSpan.FromHours(25));
        Assert.Equal(1, PerCustomer(await ResultAsync("rep2", "rep1"), "status")[li]);

        var third = await TransferAsync("rep1", "rep2", [li]);
        _emulator.Clock.Advance(TimeSpan.FromDays(90));
        var later = await TransferAsync("rep1", "rep2", [li]);

        Assert.Equal(40128, PerCustomer(third, "errcode")[li]);
        Assert.Equal(0, PerCustomer(later, "errcode")[li]);
    }

    [Fact]
    public async Task Refuse_CustomerStaysWithOldMember_AndSignedTransferFailCallbackNamesTheTaker()
    {
        var li = await CustomerOfAsync("rep1", "李总");
        await TransferAsync("rep1", "rep2", [li]);

        var refused = await _emulator.ControlAsync<RefuseTransferResponse>("transfers/refuse", new RefuseTransferRequest(li));
        _emulator.Clock.Advance(TimeSpan.FromHours(25));
        var result = await ResultAsync("rep1", "rep2");

        Assert.True(refused.Callback.Delivered);
        var callback = Assert.Single(_events);
        Assert.Equal(("change_external_contact", "transfer_fail", "customer_refused", "rep2", li),
            (callback["Event"], callback["ChangeType"], callback["FailReason"], callback["UserID"], callback["ExternalUserID"]));
        Assert.Equal((3, 0L), (PerCustomer(result, "status")[li], result.GetProperty("customer")[0].GetProperty("takeover_time").GetInt64()));
        Assert.Equal([li], await ListAsync("rep1"));
        Assert.Empty(await ListAsync("rep2"));
    }

    [Fact]
    public async Task TakerAtLimit_AfterTheDayStatus4AndCallback_CustomerStays()
    {
        var li = await CustomerOfAsync("rep1", "李总");
        await TransferAsync("rep1", "rep2", [li]);
        await ControlAsync("transfers/limit", new TransferLimitRequest("rep2"));

        _emulator.Clock.Advance(TimeSpan.FromHours(24));
        var result = await ResultAsync("rep1", "rep2");

        Assert.Equal(4, PerCustomer(result, "status")[li]);
        var callback = Assert.Single(_events);
        Assert.Equal(("transfer_fail", "customer_limit_exceed", "rep2"), (callback["ChangeType"], callback["FailReason"], callback["UserID"]));
        Assert.Equal([li], await ListAsync("rep1"));
    }
}
