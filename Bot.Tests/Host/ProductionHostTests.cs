using System.Reflection;
using Bot.Host.Hosting;
using Bot.Tests.Fixtures;

namespace Bot.Tests.Host;

/// <summary>
/// What is published and deployed is Bot.Host.dll: the WeCom emulator, the sandbox page and the benchmark drivers live
/// in their own projects (Bot.Sandbox, Bot.Bench), so a production host cannot run a fake WeCom even by mistake.
/// </summary>
public sealed class ProductionHostTests
{
    private static readonly string[] TestMachinery = ["Emulator", "Sandbox", "Bench"];

    [Fact]
    public void HostAssembly_NoEmulatorSandboxOrBenchmarkType()
    {
        var host = typeof(BotHost).Assembly;

        Assert.Empty(host.GetTypes().Where(t => TestMachinery.Any(word => (t.Namespace ?? "").Contains(word, StringComparison.Ordinal))).Select(t => t.FullName));
        Assert.Empty(host.GetTypes().Where(t => t.Name.Contains("Emulator", StringComparison.Ordinal) || t.Name.Contains("Benchmark", StringComparison.Ordinal)).Select(t => t.FullName));
        Assert.DoesNotContain(host.GetManifestResourceNames(), name => name.StartsWith("Sandbox.", StringComparison.Ordinal));
        Assert.DoesNotContain(host.GetReferencedAssemblies(), a => a.Name is "Bot.Sandbox" or "Bot.Bench");
    }

    /// <summary>
    /// Storage is reached through the ports Bot.Conversations declares; only the composition root picks Bot.Data's
    /// implementations. Checked on every member a type exposes or depends on (constructor parameters included).
    /// </summary>
    [Fact]
    public void HostTypesOutsideHosting_NameNoBotDataType()
    {
        var data = typeof(Bot.Data.DataServiceCollectionExtensions).Assembly;
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var offenders =
            from type in typeof(BotHost).Assembly.GetTypes()
            where !(type.Namespace ?? "").StartsWith("Bot.Host.Hosting", StringComparison.Ordinal)
            from used in type.GetFields(all).Select(f => f.FieldType)
                .Concat(type.GetProperties(all).Select(p => p.PropertyType))
                .Concat(type.GetConstructors(all).SelectMany(c => c.GetParameters()).Select(p => p.ParameterType))
                .Concat(type.GetMethods(all).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)))
            from named in Named(used)
            where named.Assembly == data
            select $"{type.FullName} → {named.FullName}";

        Assert.Empty(offenders.Distinct());
    }

    private static IEnumerable<Type> Named(Type type) =>
        type.HasElementType ? Named(type.GetElementType()!)
        : type.IsGenericType ? type.GetGenericArguments().SelectMany(Named).Prepend(type.GetGenericTypeDefinition())
        : [type];

    [Fact]
    public async Task Serve_EmulatorSwitchOn_FailsAtStartSayingWhereTheSandboxIs()
    {
        var result = await BotProcess.RunAsync("Host=127.0.0.1;Port=1", TestEnvironment.NewRedisPrefix(),
            new Dictionary<string, string> { ["WeCom__Emulator__Enabled"] = "true" }, "serve", "--urls=http://127.0.0.1:0");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("企业微信模拟器只在沙箱版本（Bot.Sandbox）里：本机试用请运行 scripts/run", result.Error);
    }
}
