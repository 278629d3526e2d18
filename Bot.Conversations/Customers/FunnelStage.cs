namespace Bot.Conversations.Customers;

/// <summary>Sales funnel stage from the guides: 潜在 → 意向 → 洽谈 → 成交, plus 流失 for a lost deal.</summary>
public enum FunnelStage
{
    Lead,
    Qualified,
    Negotiation,
    Won,
    Lost,
}

public static class FunnelStages
{
    /// <summary>
    /// Every word for a stage, the one place they are written: imports and CSV columns parse them, and the understanding
    /// finds them in messages (a move 改成洽谈, a list's filter 意向客户有哪些).
    /// </summary>
    public static IReadOnlyList<(string Name, FunnelStage Stage)> Names { get; } =
    [
        ("lead", FunnelStage.Lead), ("潜在", FunnelStage.Lead), ("潜在客户", FunnelStage.Lead), ("线索", FunnelStage.Lead),
        ("qualified", FunnelStage.Qualified), ("意向", FunnelStage.Qualified), ("意向客户", FunnelStage.Qualified),
        ("negotiation", FunnelStage.Negotiation), ("洽谈", FunnelStage.Negotiation), ("谈判", FunnelStage.Negotiation), ("商务洽谈", FunnelStage.Negotiation),
        ("won", FunnelStage.Won), ("成交", FunnelStage.Won), ("已成交", FunnelStage.Won),
        ("lost", FunnelStage.Lost), ("流失", FunnelStage.Lost), ("丢单", FunnelStage.Lost), ("已流失", FunnelStage.Lost),
    ];

    private static readonly Dictionary<string, FunnelStage> ByName = Names.ToDictionary(n => n.Name, n => n.Stage, StringComparer.OrdinalIgnoreCase);

    public static bool TryParse(string? text, out FunnelStage stage)
    {
        stage = FunnelStage.Lead;
        return text is not null && ByName.TryGetValue(text.Trim(), out stage);
    }

    /// <summary>The stored form, also used in SQL and CSV exports.</summary>
    public static string Code(this FunnelStage stage) => stage switch
    {
        FunnelStage.Lead => "lead",
        FunnelStage.Qualified => "qualified",
        FunnelStage.Negotiation => "negotiation",
        FunnelStage.Won => "won",
        FunnelStage.Lost => "lost",
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };

    public static FunnelStage FromCode(string code) =>
        TryParse(code, out var stage) ? stage : throw new ArgumentException($"unknown funnel stage '{code}'", nameof(code));

    public static string ChineseName(this FunnelStage stage) => stage switch
    {
        FunnelStage.Lead => "潜在",
        FunnelStage.Qualified => "意向",
        FunnelStage.Negotiation => "洽谈",
        FunnelStage.Won => "成交",
        FunnelStage.Lost => "流失",
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };
}
