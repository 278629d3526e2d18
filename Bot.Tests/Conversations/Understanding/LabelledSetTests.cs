using System.Globalization;
using System.Text.Json;
using Bot.Conversations.Customers;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding;
using Bot.Data.Demo;
using Xunit.Abstractions;

namespace Bot.Tests.Conversations.Understanding;

/// <summary>
/// The labelled set (TestData/nlu/labelled.jsonl, conventions in NOTES.md): messages a rep or manager would type,
/// against the demo company's book, each with the intent and slots a perfect parser gives. Prints intent and slot
/// accuracy and every miss.
/// </summary>
public sealed class LabelledSetTests(ITestOutputHelper output)
{
    // The targets of the conversation-engine issue.
    private const double IntentFloor = 0.97;
    private const double SlotFloor = 0.93;

    private const double HeldOutIntentFloor = 0.94;
    private const double HeldOutSlotFloor = 0.98;

    private static readonly string[] Slots = ["customer", "customer_status", "contact", "channel", "objections", "amount", "next_followup", "stage", "period", "tier"];

    public sealed record LabelledMessage(string User, string Text, DateTimeOffset Now, JsonElement Expected);

    public static IReadOnlyList<LabelledMessage> Load(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "nlu", file);
        return [.. File.ReadLines(path).Where(l => l.Trim().Length > 0).Select(l =>
        {
            var root = JsonDocument.Parse(l).RootElement;
            return new LabelledMessage(root.GetProperty("user").GetString()!, root.GetProperty("text").GetString()!,
                DateTimeOffset.Parse(root.GetProperty("now").GetString()!, CultureInfo.InvariantCulture), root.GetProperty("expected").Clone());
        })];
    }

    /// <summary>The demo company as a directory: users 1–5 in the demo's order, customers and contacts numbered in order.</summary>
    public static (CustomerDirectory.View View, Dictionary<string, UserScope> Scopes) DemoBook()
    {
        var company = DemoCompany.Generate(new DateOnly(2026, 11, 25));
        var userIds = company.Users.Select((u, i) => (u.UserId, Id: (long)i + 1)).ToDictionary(x => x.UserId, x => x.Id);
        var customers = new List<DirectoryCustomer>();
        var contacts = new List<DirectoryContact>();
        foreach (var (c, i) in company.Customers.Select((c, i) => (c, i)))
        {
            customers.Add(new DirectoryCustomer(i + 1, c.LegalName, c.ShortName, [c.Alias], userIds[c.OwnerUserId]));
            foreach (var p in c.Contacts)
                contacts.Add(new DirectoryContact(contacts.Count + 1000, i + 1, p.Name, p.Title));
        }
        var view = CustomerDirectory.View.Of(customers, contacts);
        var scopes = company.Users.ToDictionary(u => u.UserId, u =>
        {
            var user = new SalesUser(userIds[u.UserId], u.UserId, u.Name, u.Role, u.ManagerUserId is null ? null : userIds[u.ManagerUserId], true);
            return u.Role == UserRole.Manager
                ? new UserScope(user, company.Users.Where(x => x.ManagerUserId == u.UserId).Select(x => userIds[x.UserId]).Append(user.Id).ToHashSet())
                : new UserScope(user, new HashSet<long> { user.Id });
        });
        return (view, scopes);
    }

    /// <summary>The product's own parse report, as text for comparison.</summary>
    public static Dictionary<string, string?> Actual(ParsedMessage parsed, CustomerDirectory.View view) =>
        ParseReport.Of(parsed, view).ToDictionary(kv => kv.Key, kv => kv.Value switch
        {
            null => null,
            string[] list => string.Join(",", list),
            decimal amount => amount.ToString("0.##", CultureInfo.InvariantCulture),
            _ => kv.Value.ToString(),
        });

    private static string? Expected(JsonElement expected, string slot)
    {
        var value = expected.GetProperty(slot);
        return value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.Array => string.Join(",", value.EnumerateArray().Select(v => v.GetString())),
            JsonValueKind.Number => value.GetDecimal().ToString("0.##", CultureInfo.InvariantCulture),
            JsonValueKind.String when slot == "next_followup" => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture)
                .ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
            _ => value.GetString(),
        };
    }

    /// <summary>The set the rules were tuned on: it must stay at the issue's targets.</summary>
    [Fact]
    public void LabelledSet_IntentAndSlotAccuracy_AboveFloor() => Evaluate("labelled.jsonl", IntentFloor, SlotFloor, minimum: 300);

    /// <summary>
    /// Written separately and never used for tuning: how the rules do on phrasings they have not seen.
    /// The floors are what they reached the first time it was run, so a regression fails the build.
    /// </summary>
    [Fact]
    public void HeldOutSet_IntentAndSlotAccuracy_AboveFloor() => Evaluate("heldout.jsonl", HeldOutIntentFloor, HeldOutSlotFloor, minimum: 150);

    private void Evaluate(string file, double intentFloor, double slotFloor, int minimum)
    {
        var cases = Load(file);
        var (view, scopes) = DemoBook();
        var intentHits = 0;
        var slotHits = 0;
        var perSlot = Slots.ToDictionary(s => s, _ => 0);
        var misses = new List<string>();
        foreach (var c in cases)
        {
            var actual = Actual(MessageParser.Parse(c.Text, scopes[c.User], c.Now, view), view);
            var intentOk = actual["intent"] == c.Expected.GetProperty("intent").GetString();
            intentHits += intentOk ? 1 : 0;
            var wrong = new List<string>();
            if (!intentOk)
                wrong.Add($"intent {actual["intent"]}≠{c.Expected.GetProperty("intent").GetString()}");
            foreach (var slot in Slots)
            {
                var expected = Expected(c.Expected, slot);
                if (actual[slot] == expected || (slot == "objections" && (actual[slot] ?? "") == (expected ?? "")))
                {
                    slotHits++;
                    perSlot[slot]++;
                }
                else
                {
                    wrong.Add($"{slot} {actual[slot] ?? "null"}≠{expected ?? "null"}");
                }
            }
            if (wrong.Count > 0)
                misses.Add($"[{c.User}] {c.Text} → {string.Join("; ", wrong)}");
        }
        var intentAccuracy = (double)intentHits / cases.Count;
        var slotAccuracy = (double)slotHits / (cases.Count * Slots.Length);
        output.WriteLine($"{file}: {cases.Count} messages; intent accuracy {intentAccuracy:P1}; slot accuracy {slotAccuracy:P1}");
        output.WriteLine(string.Join("  ", Slots.Select(s => $"{s} {(double)perSlot[s] / cases.Count:P0}")));
        foreach (var miss in misses)
            output.WriteLine(miss);
        Assert.True(cases.Count >= minimum, $"only {cases.Count} labelled messages");
        Assert.True(intentAccuracy >= intentFloor, $"intent accuracy {intentAccuracy:P1}");
        Assert.True(slotAccuracy >= slotFloor, $"slot accuracy {slotAccuracy:P1}");
    }
}
