using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Bot.Sandbox.Emulator;

namespace Bot.Bench.Dashboard;

/// <summary>
/// `scripts/bench dashboard`: steady traffic from the demo reps through the emulator's signed callbacks (with WeCom
/// answering "system busy" now and then), /metrics scraped every few seconds, and every panel of
/// docs/grafana-dashboard.json computed from those scrapes with the panel's own queries and drawn into one PNG.
/// </summary>
public sealed class DashboardBenchmark
{
    private static readonly string[] Reps = ["lina", "zhangwei", "chenjing", "liuyang"];

    private static readonly string[] Phrases =
    [
        "你好", "本周漏斗", "我的客户", "帮助", "打了电话", "刚给星辰的李总打了电话，他嫌贵，下周三再跟进",
        "华东精密那边说预算批下来了，下周签合同", "星辰什么情况", "撤销",
    ];

    private static readonly TimeSpan ScrapeEvery = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(Uri target, string token, int seconds, double perSecond, FileInfo dashboard, FileInfo font, FileInfo output, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = target, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(TimeSpan.FromSeconds(seconds));
        var traffic = SendAsync(http, perSecond, stop.Token);
        var scrapes = new List<Scrape>();
        while (!stop.IsCancellationRequested)
        {
            scrapes.Add(await ScrapeAsync(http, ct));
            try
            {
                await Task.Delay(ScrapeEvery, stop.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                break;
            }
        }
        var sent = await traffic;
        // The replies still on their way get one more scrape to land in.
        await Task.Delay(ScrapeEvery, ct);
        scrapes.Add(await ScrapeAsync(http, ct));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(dashboard.FullName, ct));
        DashboardPicture.Render(json.RootElement, scrapes, font.FullName, output.FullName);
        Console.WriteLine($"{sent} messages in {seconds} s, {scrapes.Count} scrapes; {output.FullName}");
        return 0;
    }

    private static async Task<Scrape> ScrapeAsync(HttpClient http, CancellationToken ct)
    {
        using var response = await http.GetAsync("metrics", ct);
        response.EnsureSuccessStatusCode();
        return new Scrape(DateTime.UtcNow, new PrometheusText(await response.Content.ReadAsStringAsync(ct)));
    }

    /// <summary>Messages at a steady rate, each posted as WeCom would; every 15 s the next send is refused once with errcode -1.</summary>
    private static async Task<int> SendAsync(HttpClient http, double perSecond, CancellationToken ct)
    {
        var random = new Random(18);
        var watch = Stopwatch.StartNew();
        var sent = 0;
        var faults = 0;
        try
        {
            while (true)
            {
                var due = TimeSpan.FromSeconds(sent / perSecond) - watch.Elapsed;
                if (due > TimeSpan.Zero)
                    await Task.Delay(due, ct);
                if (watch.Elapsed.TotalSeconds / 15 > faults)
                {
                    faults++;
                    using var fault = await http.PostAsJsonAsync("wecom-emulator/control/faults",
                        new FaultRule { Path = "message/send", Errcode = -1, ErrcodeCount = 1 }, EmulatorJson.Control, ct);
                    fault.EnsureSuccessStatusCode();
                }
                var request = new AppTextRequest(Reps[random.Next(Reps.Length)], Phrases[random.Next(Phrases.Length)]);
                using var response = await http.PostAsJsonAsync("wecom-emulator/control/app/text", request, EmulatorJson.Control, ct);
                response.EnsureSuccessStatusCode();
                sent++;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return sent;
        }
    }
}
