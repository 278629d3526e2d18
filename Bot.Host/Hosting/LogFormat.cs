using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging.Console;

namespace Bot.Host.Hosting;

public static class LogFormat
{
    /// <summary>
    /// One JSON object per line when nobody reads the console (systemd's journal, a file, a log shipper), so each entry
    /// keeps its fields and a stack trace stays inside its entry; the readable format in a terminal. An explicit
    /// <c>Logging:Console:FormatterName</c> wins either way.
    /// </summary>
    public static ILoggingBuilder UseJsonLinesUnlessTerminal(this ILoggingBuilder logging, IConfiguration configuration)
    {
        if (!Console.IsOutputRedirected || configuration["Logging:Console:FormatterName"] is { Length: > 0 })
            return logging;
        logging.AddJsonConsole(o =>
        {
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            // Chinese stays readable in the journal instead of \u escapes.
            o.JsonWriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        });
        return logging;
    }
}
