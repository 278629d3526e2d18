using System.Text;

namespace Bot.Sandbox.Emulator;

/// <summary>WeCom's opaque next_cursor; empty when there is nothing more.</summary>
public static class CursorPage
{
    public static bool TrySlice<T>(IReadOnlyList<T> items, string? cursor, int limit, out IReadOnlyList<T> page, out string nextCursor)
    {
        page = [];
        nextCursor = "";
        var offset = 0;
        if (!string.IsNullOrEmpty(cursor))
        {
            try
            {
                offset = int.Parse(Encoding.ASCII.GetString(Convert.FromBase64String(cursor)));
            }
            catch (FormatException)
            {
                return false;
            }
        }
        if (offset < 0 || offset > items.Count)
            return false;
        page = [.. items.Skip(offset).Take(limit)];
        if (offset + limit < items.Count)
            nextCursor = Convert.ToBase64String(Encoding.ASCII.GetBytes((offset + limit).ToString()));
        return true;
    }
}
