using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Conversations.Customers;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding;
using Bot.Host.WeCom;

namespace Bot.Host.Cli;

/// <summary>
/// `scripts/bot parse`: a dry run of the understanding for debugging and evaluation. Reads JSON lines
/// {"user","text","now"} from stdin, writes one JSON line per input in order, and changes nothing.
/// </summary>
public sealed class ParseCommand(IUserDirectory users, CustomerDirectory directory, TimeProvider clock)
{
    public async Task<int> RunAsync(TextReader input, TextWriter output, CancellationToken ct)
    {
        var scopes = new Dictionary<string, UserScope?>();
        var view = await directory.GetAsync(ct);
        string? line;
        var lineNumber = 0;
        while ((line = await input.ReadLineAsync(ct)) is not null)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
                continue;
            JsonObject? request;
            try
            {
                request = JsonNode.Parse(line) as JsonObject;
            }
            catch (JsonException)
            {
                request = null;
            }
            var user = request?["user"]?.GetValue<string>();
            var text = request?["text"]?.GetValue<string>();
            if (user is null || text is null)
            {
                await output.WriteLineAsync(new JsonObject { ["error"] = $"第 {lineNumber} 行不是 {{\"user\",\"text\",\"now\"}} 形式的 JSON" }.ToJsonString(WeComJson.Options));
                continue;
            }
            var now = request?["now"]?.GetValue<string>() is { } s
                ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture)
                : clock.GetUtcNow();
            if (!scopes.TryGetValue(user, out var scope))
                scopes[user] = scope = await users.FindByWeComIdAsync(user, ct) is { Active: true } found ? await UserScope.ForAsync(found, users, ct) : null;

            var report = scope is null
                ? Unknown()
                : ParseReport.Of(MessageParser.Parse(text, scope, now, view), view, scope);
            await output.WriteLineAsync(JsonSerializer.Serialize(report, WeComJson.Options));
        }
        return 0;
    }

    /// <summary>A sender who is not a colleague: nothing is understood for them.</summary>
    private static Dictionary<string, object?> Unknown() => new()
    {
        ["intent"] = "unknown", ["action"] = "none", ["customer"] = null, ["customer_status"] = "none", ["contact"] = null, ["channel"] = null,
        ["objections"] = Array.Empty<string>(), ["amount"] = null, ["next_followup"] = null, ["stage"] = null, ["period"] = null,
        ["tier"] = null, ["pii_redacted"] = false, ["forbidden"] = true,
    };
}
