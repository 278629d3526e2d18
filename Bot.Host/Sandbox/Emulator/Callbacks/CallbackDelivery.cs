namespace Bot.Sandbox.Emulator;

/// <summary>One POST as WeCom made it; <see cref="StatusCode"/> is null when no answer came in time or the connection failed.</summary>
public sealed record CallbackAttempt(int Number, int? StatusCode, TimeSpan Elapsed, string? Error);

/// <summary>
/// What happened to one callback: every attempt (the first plus up to 3 re-posts), the last answer, and the
/// bot's passive reply decrypted when it sent one (<see cref="ReplyPlaintext"/>, or <see cref="ReplyError"/>
/// when its signature or encryption was wrong).
/// </summary>
public sealed record CallbackDelivery(
    string Url,
    string Plaintext,
    bool Delivered,
    int? StatusCode,
    string? ResponseBody,
    IReadOnlyList<CallbackAttempt> Attempts,
    TimeSpan Elapsed)
{
    public string? ReplyPlaintext { get; init; }

    public string? ReplyError { get; init; }
}

/// <summary>The GET with echostr: the bot must answer exactly <see cref="Expected"/>, as plain text.</summary>
public sealed record UrlVerificationResult(bool Success, int? StatusCode, string? Body, string Expected, string? Error);
