namespace Bot.Sandbox.Emulator;

/// <summary>
/// One injected fault. <see cref="Path"/> is the API path after <c>cgi-bin/</c> (e.g. <c>message/send</c>),
/// or null / <c>*</c> for every endpoint. Counts are consumed one per request, in the order drop, HTTP 500,
/// errcode; latency and the clock offset apply to every matching request until the rule is cleared. An errcode
/// 60020 without an errmsg gets WeCom's own, naming the caller's IP.
/// </summary>
public sealed record FaultRule
{
    public string? Path { get; init; }

    public int Http500 { get; init; }

    public int Errcode { get; init; }

    public int ErrcodeCount { get; init; }

    public string? Errmsg { get; init; }

    public int LatencyMs { get; init; }

    /// <summary>
    /// Spend the latency after handling instead of before: WeCom has acted on the request and the answer is slow, so a
    /// caller that gives up waiting does not know the message went out.
    /// </summary>
    public bool LatencyAfterHandling { get; init; }

    /// <summary>Shifts the HTTP Date header of matching answers, as a WeCom whose clock disagrees with ours would send.</summary>
    public int DateOffsetSeconds { get; init; }

    public int Drop { get; init; }

    /// <summary>Run the real handler before aborting, so the side effect happens but the answer is lost.</summary>
    public bool DropAfterHandling { get; init; }
}

/// <summary>A rule as stored, with what remains of its counts.</summary>
public sealed record ActiveFault(int Id, FaultRule Rule, int Http500Left, int ErrcodeLeft, int DropLeft);

public enum FaultKind
{
    None,
    Drop,
    DropAfterHandling,
    Http500,
    Errcode,
}

public sealed record FaultDecision(FaultKind Kind, int LatencyMs, int Errcode = 0, string? Errmsg = null)
{
    public int DateOffsetSeconds { get; init; }

    public bool LatencyAfterHandling { get; init; }
}
