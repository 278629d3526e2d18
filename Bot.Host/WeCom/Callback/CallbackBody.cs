using System.Text;

namespace Bot.Host.WeCom.Callback;

public static class CallbackBody
{
    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is larger (the caller answers 413).</summary>
    public static async Task<string?> ReadAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
            return null;
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
