using Bot.Data.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Fixtures;

/// <summary>
/// One migrated database for a test collection. Tests in it use their own names and userids,
/// so they never depend on each other's rows.
/// </summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    private readonly Action<IServiceCollection>? _add;
    private readonly IReadOnlyDictionary<string, string?>? _settings;

    public DatabaseFixture()
    {
    }

    /// <summary>With more services than the data layer (xunit wants a single public constructor for collection fixtures).</summary>
    internal DatabaseFixture(Action<IServiceCollection> add, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _add = add;
        _settings = settings;
    }

    public string ConnectionString { get; private set; } = "";

    public string RedisPrefix { get; } = TestEnvironment.NewRedisPrefix();

    public FakeTimeProvider Clock { get; } = BotServices.FixedClock();

    public ServiceProvider Services { get; private set; } = null!;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabases.CreateEmptyAsync();
        Services = BotServices.Create(ConnectionString, RedisPrefix, Clock, _add, _settings);
        await Get<MigrationRunner>().MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await TestDatabases.DropAsync(ConnectionString);
    }
}

[CollectionDefinition(Name)]
public sealed class SharedDatabase : ICollectionFixture<DatabaseFixture>
{
    public const string Name = "database";
}
