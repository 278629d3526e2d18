using Microsoft.Extensions.Options;

namespace Bot.Host.Telemetry;

/// <summary>The <c>Telemetry</c> section: everything is off unless switched on here.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    public MetricsSettings Metrics { get; set; } = new();

    public OtlpSettings Otlp { get; set; } = new();

    public sealed class MetricsSettings
    {
        /// <summary>Serves the Prometheus scrape at <see cref="Path"/>; off, the path is a plain 404.</summary>
        public bool Enabled { get; set; }

        /// <summary>The bearer token a scrape must present (Prometheus: <c>authorization: { credentials: … }</c>).</summary>
        public string Token { get; set; } = "";

        public string Path { get; set; } = "/metrics";
    }

    public sealed class OtlpSettings
    {
        /// <summary>An OTLP/gRPC collector (http://host:4317) receiving traces and metrics; empty sends nothing anywhere.</summary>
        public string Endpoint { get; set; } = "";
    }
}

/// <summary>Metrics name our customers' activity in volume, so they are never served to whoever asks.</summary>
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public const int MinTokenLength = 16;

    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var errors = new List<string>();
        if (options.Metrics.Enabled && options.Metrics.Token.Length < MinTokenLength)
            errors.Add($"Telemetry:Metrics:Token must be at least {MinTokenLength} characters when Telemetry:Metrics:Enabled is true");
        if (!options.Metrics.Path.StartsWith('/'))
            errors.Add("Telemetry:Metrics:Path must start with /");
        if (options.Otlp.Endpoint.Length > 0 && !(Uri.TryCreate(options.Otlp.Endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            errors.Add($"Telemetry:Otlp:Endpoint '{options.Otlp.Endpoint}' is not an http(s) URL");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
