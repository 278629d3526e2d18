using System.Text.Encodings.Web;
using System.Text.Json;

namespace Bot.Host.WeCom;

public static class WeComJson
{
    /// <summary>WeCom rejects \uXXXX escapes (errcode 40033), and System.Text.Json escapes CJK by default.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
