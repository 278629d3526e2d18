namespace Bot.Conversations.Team;

/// <summary>
/// The colleague a manager's or the admin's instruction names (让张伟…, 张伟12月目标…): one within their reach — a
/// manager's team, everyone for the admin — or else the one outside it the handler refuses in its own words.
/// </summary>
public sealed record NamedColleague(SalesUser? Within, SalesUser? Outside, IReadOnlyList<SalesUser> Reach)
{
    public static async Task<NamedColleague> InAsync(string text, SalesUser sender, IUserDirectory users, CancellationToken ct)
    {
        var everyone = await users.ListActiveAsync(ct);
        var reach = (sender.Role == UserRole.Manager ? await users.ListTeamAsync(sender.Id, ct) : everyone)
            .Where(u => u.Id != sender.Id && u.Active).ToList();
        return NameIn(text, reach) is { } within
            ? new(within, null, reach)
            : new(null, NameIn(text, everyone.Where(u => u.Id != sender.Id)), reach);
    }

    /// <summary>The person a message names, longest name first (张伟 in 「张伟华」 is not 张伟 when both exist).</summary>
    public static SalesUser? NameIn(string text, IEnumerable<SalesUser> people) =>
        people.OrderByDescending(u => u.Name.Length).FirstOrDefault(u => u.Name.Length >= 2 && text.Contains(u.Name, StringComparison.Ordinal));
}
