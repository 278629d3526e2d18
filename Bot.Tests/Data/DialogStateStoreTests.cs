using System.Transactions;
using Bot.Conversations.Dialogs;
using Bot.Data.Postgres;
using Bot.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Data;

/// <summary>Dialog state in PostgreSQL: set, read, removed, expired by the clock, and gone with a message whose transaction rolls back.</summary>
public sealed class DialogStateStoreTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = BotServices.FixedClock();
    private string _connectionString = "";
    private ServiceProvider _services = null!;

    private IDialogStateStore Store => _services.GetRequiredService<IDialogStateStore>();

    public async Task InitializeAsync()
    {
        _connectionString = await TestDatabases.CreateEmptyAsync();
        _services = BotServices.Create(_connectionString, TestEnvironment.NewRedisPrefix(), _clock);
        await _services.GetRequiredService<MigrationRunner>().MigrateAsync(None);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await TestDatabases.DropAsync(_connectionString);
    }

    [Fact]
    public async Task SetGetRemove_AndExpiresByTheClock()
    {
        await Store.SetAsync("lina", """{"pending":"choose_customer"}""", TimeSpan.FromMinutes(5), None);
        Assert.Equal("""{"pending":"choose_customer"}""", await Store.GetAsync("lina", None));
        await Store.SetAsync("lina", "第二次", TimeSpan.FromMinutes(5), None);
        Assert.Equal("第二次", await Store.GetAsync("lina", None));
        await Store.RemoveAsync("lina", None);
        Assert.Null(await Store.GetAsync("lina", None));

        await Store.SetAsync("zhangwei", "短暂", TimeSpan.FromMinutes(1), None);
        Assert.Equal("短暂", await Store.GetAsync("zhangwei", None));
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(await Store.GetAsync("zhangwei", None));
    }

    [Fact]
    public async Task WrittenInAMessageWhoseTransactionRollsBack_NothingRemains()
    {
        await Store.SetAsync("chenjing", "之前", TimeSpan.FromMinutes(5), None);

        using (new TransactionScope(TransactionScopeOption.Required, TransactionScopeAsyncFlowOption.Enabled))
        {
            await Store.SetAsync("chenjing", "回滚的", TimeSpan.FromMinutes(5), None);
            await Store.SetAsync("liuyang", "回滚的", TimeSpan.FromMinutes(5), None);
            Assert.Equal("回滚的", await Store.GetAsync("chenjing", None));
        }

        Assert.Equal("之前", await Store.GetAsync("chenjing", None));
        Assert.Null(await Store.GetAsync("liuyang", None));
    }
}
