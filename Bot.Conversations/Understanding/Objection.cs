namespace Bot.Conversations.Understanding;

/// <summary>The objection types from the sales guides; the stored form is the lower-case name.</summary>
public enum Objection
{
    Price,
    Hesitation,
    Competitor,
    Timing,
    Budget,
    Authority,
    Need,
    Trust,
    Complaint,
}

public static class Objections
{
    public static string Code(this Objection objection) => objection.ToString().ToLowerInvariant();

    public static Objection FromCode(string code) => Enum.Parse<Objection>(code.Trim(), ignoreCase: true);

    public static string ChineseName(this Objection objection) => objection switch
    {
        Objection.Price => "嫌贵",
        Objection.Hesitation => "犹豫",
        Objection.Competitor => "比竞品",
        Objection.Timing => "时机未到",
        Objection.Budget => "预算不足",
        Objection.Authority => "需领导拍板",
        Objection.Need => "需求不明",
        Objection.Trust => "信任不足",
        Objection.Complaint => "有投诉",
        _ => objection.ToString(),
    };
}
