using Bot.Data;
using Bot.Host.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Fixtures;

/// <summary>The data layer exactly as the host composes it (plus what a test adds), pointed at one test database and Redis prefix.</summary>
public static class BotServices
{
    public static ServiceProvider Create(
        string connectionString, string redisPrefix, TimeProvider? clock = null, Action<IServiceCollection>? add = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = connectionString,
            ["Redis:Configuration"] = TestEnvironment.Redis,
            ["Redis:KeyPrefix"] = redisPrefix,
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddData();
        services.AddBotMetrics();
        add?.Invoke(services);
        if (clock is not null)
            services.AddSingleton(clock);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    /// <summary>A fixed clock: Tuesday 2026-11-24 10:00 in Shanghai.</summary>
    public static FakeTimeProvider FixedClock() => new(new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero));
}
