using System.Text.Json.Nodes;

namespace Bot.Conversations.Privacy;

/// <summary>
/// Rewrites the strings of a stored JSON message in place, at any depth — how ID numbers are masked in a callback before
/// it is stored, and a forgotten customer's names in the messages kept afterwards.
/// </summary>
public static class JsonStrings
{
    /// <param name="rewrite">The new text of a string, or null to leave it.</param>
    /// <param name="kept">Member names whose values are left as they are, at every depth (identifiers).</param>
    /// <returns>Whether any string changed.</returns>
    public static bool Rewrite(JsonNode? node, Func<string, string?> rewrite, Func<string, bool>? kept = null)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o.ToList())
                {
                    if (kept?.Invoke(name) != true)
                        changed |= RewriteValue(value, text => o[name] = text, rewrite, kept);
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    var at = i;
                    changed |= RewriteValue(a[i], text => a[at] = text, rewrite, kept);
                }
                break;
        }
        return changed;
    }

    private static bool RewriteValue(JsonNode? value, Action<string> replace, Func<string, string?> rewrite, Func<string, bool>? kept)
    {
        if (value is not JsonValue v || !v.TryGetValue<string>(out var text))
            return Rewrite(value, rewrite, kept);
        if (rewrite(text) is not { } rewritten || rewritten == text)
            return false;
        replace(rewritten);
        return true;
    }
}
