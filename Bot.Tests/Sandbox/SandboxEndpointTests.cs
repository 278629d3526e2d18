using System.Net;
using System.Net.Http.Json;
using Bot.Conversations.Team;
using Bot.Sandbox;
using Bot.Tests.Fixtures;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bot.Tests.Sandbox;

public sealed class SandboxEndpointTests
{
    [Fact]
    public async Task Page_SandboxModeOff_NotFound()
    {
        await using var bot = await LiveBot.StartAsync(("WeCom:Emulator:Enabled", "false"));
        using var http = new HttpClient { BaseAddress = new Uri(bot.BaseUrl) };

        foreach (var path in new[] { "sandbox", "sandbox/sandbox.js", "sandbox/api/users" })
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Users_ListsActiveMembersManagersFirst()
    {
        await using var bot = await LiveBot.StartAsync();
        var users = bot.Services.GetRequiredService<IUserDirectory>();
        var manager = await users.UpsertAsync("sbx_u_boss", "王强", UserRole.Manager, null, CancellationToken.None);
        await users.UpsertAsync("sbx_u_rep", "李娜", UserRole.Rep, manager.Id, CancellationToken.None);
        await users.UpsertAsync("sbx_u_gone", "赵离职", UserRole.Rep, manager.Id, CancellationToken.None);
        await using (var connection = new NpgsqlConnection(bot.ConnectionString))
            await connection.ExecuteAsync("update users set active = false where wecom_userid = 'sbx_u_gone'");
        using var http = new HttpClient { BaseAddress = new Uri(bot.BaseUrl) };

        var listed = await http.GetFromJsonAsync<List<SandboxPageEndpoints.SandboxUser>>("sandbox/api/users");

        Assert.Equal([new("sbx_u_boss", "王强", "manager", null), new("sbx_u_rep", "李娜", "rep", "sbx_u_boss")], listed);
    }
}
