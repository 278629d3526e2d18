using System.Net;
using Bot.Tests.Fixtures;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bot.Tests.Host;

public sealed class HealthEndpointTests : IAsyncLifetime
{
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await TestDatabases.CreateEmptyAsync();

    public Task DisposeAsync() => TestDatabases.DropAsync(_connectionString);

    private WebApplicationFactory<Program> Host(string redis) => new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
        .UseSetting("Database:ConnectionString", _connectionString)
        .UseSetting("Redis:Configuration", redis)
        .UseSetting("Redis:KeyPrefix", TestEnvironment.NewRedisPrefix()));

    [Fact]
    public async Task Readyz_BothServicesUp_IsOkAndSchemaWasMigratedAtStart()
    {
        await using var host = Host(TestEnvironment.Redis);
        using var client = host.CreateClient();

        Assert.Equal("ok", await client.GetStringAsync("/healthz"));
        var ready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("""{"postgres":"ok","redis":"ok"}""", await ready.Content.ReadAsStringAsync());
        await using var connection = new Npgsql.NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("select count(*) from schema_migrations", connection);
        Assert.True((long)(await command.ExecuteScalarAsync())! >= 1);
    }

    [Fact]
    public async Task Readyz_RedisDown_Is503AndNamesIt()
    {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        await using var host = Host("127.0.0.1:1");
        using var client = host.CreateClient();

        Assert.Equal("ok", await client.GetStringAsync("/healthz"));
        var ready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("""{"postgres":"ok","redis":"down"}""", await ready.Content.ReadAsStringAsync());
    }
}
