using System.Net.Http.Json;
using Bot.Sandbox.Emulator;
using Bot.Tests.Fixtures;

namespace Bot.Tests.Doctor;

/// <summary>
/// A running bot with its emulator, shared by the doctor tests (they run one after another, each starting from a
/// reset emulator), and the real command line pointed at it as an operator would point it at a deployment.
/// </summary>
public sealed class DoctorBot : IAsyncLifetime
{
    private readonly string _prefix = TestEnvironment.NewRedisPrefix();

    public LiveBot Bot { get; private set; } = null!;

    public async Task InitializeAsync() => Bot = await LiveBot.StartAsync();

    public async Task DisposeAsync() => await Bot.DisposeAsync();

    /// <summary>A fresh emulator with one member who has a customer, so 客户联系 has someone to report.</summary>
    public async Task ResetAsync()
    {
        (await Bot.Emulator.PostAsync("control/reset", null)).EnsureSuccessStatusCode();
        (await Bot.Emulator.PostAsJsonAsync("control/contacts/existing",
            new ExistingContactsRequest("doctor_rep", [new ExistingContact("wm_doctor_customer", "星辰网络")]), EmulatorJson.Control)).EnsureSuccessStatusCode();
    }

    public async Task AddFaultAsync(FaultRule rule) =>
        (await Bot.Emulator.PostAsJsonAsync("control/faults", rule, EmulatorJson.Control)).EnsureSuccessStatusCode();

    /// <param name="settings">Environment overrides, as an operator would export them.</param>
    public Task<BotProcess.Result> RunDoctorAsync(params (string Name, string Value)[] settings) =>
        RunDoctorAsync(Bot.ConnectionString, settings);

    public Task<BotProcess.Result> RunDoctorAsync(string connectionString, params (string Name, string Value)[] settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["WeCom__BaseUrl"] = Bot.BaseUrl + "wecom-emulator/cgi-bin/",
            ["WeCom__PublicBaseUrl"] = Bot.BaseUrl.TrimEnd('/'),
        };
        foreach (var (name, value) in settings)
            environment[name] = value;
        return BotProcess.RunAsync(connectionString, _prefix, environment, "doctor");
    }
}
