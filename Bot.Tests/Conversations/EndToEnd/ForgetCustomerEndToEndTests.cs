using Bot.Conversations.Team;
using Bot.Sandbox.Emulator;
using Bot.Tests.Fixtures;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bot.Tests.Conversations.EndToEnd;

/// <summary>"删除客户X的个人信息" in chat: admins only, and only after 确认删除.</summary>
public sealed class ForgetCustomerEndToEndTests : IAsyncLifetime
{
    private LiveBot _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await LiveBot.StartWithDemoCompanyAsync();
        await _bot.Services.GetRequiredService<IUserDirectory>().UpsertAsync("itadmin", "周管理员", UserRole.Admin, null, CancellationToken.None);
    }

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    private async Task<string> SayAsync(string user, string text, int replyNumber) => (await _bot.SayAsync(user, text, replyNumber)).Content ?? "";

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    [Fact]
    public async Task Rep_AsksToErase_PoliteRefusalNothingChanged()
    {
        var reply = await SayAsync("lina", "删除客户星辰网络科技有限公司的个人信息", 1);
        var confirmed = await SayAsync("lina", "确认删除", 2);

        Assert.Equal("删除客户个人信息只有管理员可以操作。客户提出删除要求的话，请转告管理员处理。", reply);
        Assert.Equal(reply, confirmed);
        Assert.Equal(0L, await CountAsync("select count(*) from customers where erased_at is not null"));
    }

    [Fact]
    public async Task Admin_AsksThenConfirms_CustomerErasedWithAudit()
    {
        var question = await SayAsync("itadmin", "删除客户星辰网络科技有限公司的个人信息", 1);
        Assert.Contains("确认删除「星辰网络科技有限公司」的个人信息吗？", question);
        Assert.Contains("回复「确认删除」继续", question);
        Assert.Equal(0L, await CountAsync("select count(*) from customers where erased_at is not null"));

        var done = await SayAsync("itadmin", "确认删除", 2);

        Assert.StartsWith("已删除，客户现记为「已删除客户#", done);
        Assert.Equal(0L, await CountAsync("select count(*) from customers where legal_name = '星辰网络科技有限公司'"));
        Assert.Equal(1L, await CountAsync("""
            select count(*) from audit_log a join users u on u.id = a.actor_id
            where a.action = 'forget' and u.wecom_userid = 'itadmin' and a.detail->>'by' = 'chat:itadmin'
            """));
        Assert.Equal("没有等待确认的删除。要删除的话，先说「删除客户X的个人信息」。", await SayAsync("itadmin", "确认删除", 3));
    }
}
