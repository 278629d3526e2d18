using Bot.Conversations.Care;
using Microsoft.Extensions.Configuration;

namespace Bot.Tests.Conversations.Care;

/// <summary>The <c>Care</c> section exactly as the repository's appsettings.json ships it.</summary>
internal static class CareSettings
{
    public static CareOptions Shipped(Action<CareOptions>? change = null)
    {
        var options = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json")).Build()
            .GetSection(CareOptions.Section).Get<CareOptions>()!;
        change?.Invoke(options);
        return options;
    }
}
