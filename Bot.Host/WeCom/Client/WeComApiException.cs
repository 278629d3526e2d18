namespace Bot.Host.WeCom.Client;

/// <summary>WeCom answered with a non-zero errcode; the code decides whether to retry (see WeComErrors).</summary>
public sealed class WeComApiException(int errCode, string message) : Exception($"WeCom errcode {errCode}: {message}")
{
    public int ErrCode { get; } = errCode;
}

/// <summary>WeCom could not be reached or answered 5xx: always worth another try later.</summary>
public sealed class WeComTransportException(string message, Exception? inner = null) : Exception(message, inner);

public static class WeComErrors
{
    public static bool IsTokenProblem(int code) => code is 40014 or 42001 or 41001;

    /// <summary>System busy, rate or concurrency limits, another app delivering the welcome: retry later.</summary>
    public static bool IsTransient(int code) => code is -1 or 45009 or 45033 or 41096 || IsTokenProblem(code);

    /// <summary>WeCom asks for at least a minute's pause after its rate limits.</summary>
    public static bool IsRateLimit(int code) => code is 45009 or 45033;
}
