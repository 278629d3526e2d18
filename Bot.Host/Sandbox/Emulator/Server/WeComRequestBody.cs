using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bot.Sandbox.Emulator;

/// <summary>Reads a WeCom JSON body the way WeCom does: raw UTF-8 only, no <c>\uXXXX</c> escapes of non-ASCII.</summary>
public static class WeComRequestBody
{
    public static async Task<(JsonObject? Body, int Errcode)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        if (HasEscapedNonAscii(bytes))
            return (null, EmulatorErrors.InvalidCharacters);
        try
        {
            return JsonNode.Parse(bytes) is JsonObject body ? (body, 0) : (null, EmulatorErrors.BadJson);
        }
        catch (JsonException)
        {
            return (null, EmulatorErrors.BadJson);
        }
    }

    /// <summary>True when the JSON escapes a non-ASCII character, e.g. System.Text.Json's default <c>\u4F60</c>.</summary>
    public static bool HasEscapedNonAscii(ReadOnlySpan<byte> json)
    {
        for (var i = 0; i < json.Length - 1; i++)
        {
            if (json[i] != '\\')
                continue;
            // Skipping the escaped character keeps "\\u4F60" (a backslash, then text) from counting.
            if (json[i + 1] == 'u' && i + 5 < json.Length
                && int.TryParse(System.Text.Encoding.ASCII.GetString(json.Slice(i + 2, 4)), System.Globalization.NumberStyles.HexNumber, null, out var code)
                && code > 0x7F)
                return true;
            i++;
        }
        return false;
    }

    public static string? GetText(this JsonObject body, string name) =>
        body[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static int? GetNumber(this JsonObject body, string name) => body[name] switch
    {
        JsonValue value when value.TryGetValue<int>(out var number) => number,
        JsonValue value when value.TryGetValue<string>(out var text) && int.TryParse(text, out var parsed) => parsed,
        _ => null,
    };

    public static IReadOnlyList<string> GetTexts(this JsonObject body, string name) =>
        body[name] is JsonArray array ? [.. array.Select(n => n?.GetValue<string>()).OfType<string>()] : [];
}
