using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;

namespace Bot.Host.Hosting;

public static class RepositoryAppSettings
{
    /// <summary>
    /// Adds the repository-root appsettings.json (copied beside the binaries) below the environment
    /// variables, so <c>Database__ConnectionString</c> and friends still override it.
    /// </summary>
    public static IConfigurationBuilder AddRepositoryAppSettings(this IConfigurationBuilder configuration)
    {
        var source = new JsonConfigurationSource
        {
            Path = Path.Combine(AppContext.BaseDirectory, "appsettings.json"),
            Optional = false,
            ReloadOnChange = false,
        };
        source.ResolveFileProvider();
        var firstEnvironment = configuration.Sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource);
        if (firstEnvironment < 0)
            configuration.Sources.Add(source);
        else
            configuration.Sources.Insert(firstEnvironment, source);
        return configuration;
    }
}
