using System.Text.Json;

namespace Bot.Tests.Conversations.Understanding;

/// <summary>One case of the Microsoft Recognizers-Text peer suites copied into TestData/PeerTests.</summary>
public sealed record PeerCase(string Input, string Span, string Expected, string? Kind, string? Reference, string? Type)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static IReadOnlyList<PeerCase> Load(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "PeerTests", file);
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<List<RawCase>>(stream, Json)!
            .Select(r => new PeerCase(r.Input, r.Span, r.Expected.ToString(), r.Kind, r.Reference, r.Type))
            .ToList();
    }

    private sealed record RawCase(string Input, string Span, JsonElement Expected, string? Kind, string? Reference, string? Type);
}
