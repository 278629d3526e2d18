namespace Bot.Host.Hosting;

/// <summary>
/// Settings that moved when every section became its module's name. An old name would otherwise be ignored without a
/// word, and the bot would run against the sandbox defaults instead of the database an operator configured.
/// </summary>
public static class RenamedSettings
{
    private static readonly (string Old, string New)[] Moves =
    [
        ("Bot:Database", "Database"),
        ("Bot:Redis", "Redis"),
        ("Bot:Inbound", "Inbound"),
        ("Sales:Tiering", "Tiering"),
    ];

    public static void ThrowIfUsed(IConfiguration configuration)
    {
        var used = Moves.Where(m => configuration.GetSection(m.Old).Exists()).ToList();
        if (used.Count > 0)
        {
            throw new InvalidOperationException("这些设置已改名，请改用新名字：" + string.Join("；", used.Select(m =>
                $"{m.Old} → {m.New}（环境变量 {m.Old.Replace(":", "__", StringComparison.Ordinal)}__… → {m.New}__…）")));
        }
    }
}
