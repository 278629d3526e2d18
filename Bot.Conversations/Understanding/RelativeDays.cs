namespace Bot.Conversations.Understanding;

/// <summary>今天 · 明天 · 大后天 · 昨天 · 前天 … and the fused forms 今晚 · 明早 that also name a part of the day.</summary>
internal static class RelativeDays
{
    public static Moment? Resolve(string word, Anchor anchor)
    {
        var offset = word switch
        {
            "大后天" => 3,
            "大前天" => -3,
            "后天" => 2,
            "前天" => -2,
            _ when word[0] == '明' => 1,
            _ when word[0] == '昨' => -1,
            _ => 0,
        };
        string? part = word[^1] switch
        {
            '晚' or '夜' => "晚上",
            '早' or '晨' => "早上",
            _ => null,
        };
        return new Moment(anchor.Today.AddDays(offset), null, part);
    }
}
