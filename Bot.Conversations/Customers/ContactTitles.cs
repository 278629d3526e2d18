namespace Bot.Conversations.Customers;

/// <summary>How a job title turns into the way people address someone: 总经理 → 李总, 工程师 → 陈工.</summary>
public static class ContactTitles
{
    /// <summary>Title cue → the suffixes after the surname, most usual first.</summary>
    public static readonly IReadOnlyList<(string Cue, string[] Suffixes)> Suffixes =
    [
        ("总", ["总"]), ("董事长", ["董", "总"]), ("经理", ["经理"]), ("主管", ["主管"]), ("主任", ["主任"]), ("工程师", ["工"]),
        ("技术", ["工"]), ("校长", ["校长"]), ("院长", ["院长"]), ("老师", ["老师"]), ("医生", ["医生", "大夫"]), ("处长", ["处长"]),
        ("局长", ["局长"]), ("科长", ["科长"]), ("部长", ["部长"]), ("老板", ["老板", "总"]), ("会计", ["会计"]), ("财务", ["会计"]),
        ("厂长", ["厂长"]), ("行长", ["行长"]), ("园长", ["园长"]), ("店长", ["店长"]), ("合伙人", ["律师"]), ("律师", ["律师"]), ("护士长", ["护士长"]),
    ];

    /// <summary>
    /// 李总 for 李明, 总经理; the full name when the title gives no usual form of address or the name is not Chinese
    /// (Tony stays Tony).
    /// </summary>
    public static string Salutation(string name, string? title)
    {
        name = name.Trim();
        if (name.Length < 2 || !IsChinese(name[0]) || string.IsNullOrWhiteSpace(title))
            return name;
        foreach (var (cue, suffixes) in Suffixes)
        {
            if (title.Contains(cue, StringComparison.Ordinal))
                return name[..1] + suffixes[0];
        }
        return name;
    }

    private static bool IsChinese(char c) => c is >= '\u4e00' and <= '\u9fff';
}
