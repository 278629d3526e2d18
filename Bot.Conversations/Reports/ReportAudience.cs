using Bot.Conversations.Dialogs;
using Bot.Conversations.Team;

namespace Bot.Conversations.Reports;

/// <summary>
/// Whom a report is about: a rep their own figures; a manager their team, or one member they name; an admin the
/// whole company or one person named. <see cref="People"/> are those a per-person breakdown lists.
/// </summary>
public sealed record ReportAudience(string Whose, IReadOnlySet<long>? OwnerIds, IReadOnlyList<SalesUser> People, SalesUser? Named)
{
    public bool IsGroup => People.Count > 1 || OwnerIds is null;

    public static Task<ReportAudience> ForAsync(ConversationContext context, IUserDirectory users, CancellationToken ct) =>
        ForAsync(context.User, context.Scope.OwnerIds, context.Parsed.Text, users, ct);

    /// <param name="text">What was asked; a team member named in it narrows the report to them.</param>
    public static async Task<ReportAudience> ForAsync(SalesUser user, IReadOnlySet<long>? scope, string text, IUserDirectory users, CancellationToken ct)
    {
        if (user.Role == UserRole.Rep)
            return new ReportAudience("你的", new HashSet<long> { user.Id }, [user], null);
        var visible = user.Role == UserRole.Manager ? [.. await users.ListTeamAsync(user.Id, ct), user] : await users.ListActiveAsync(ct);
        if (NamedColleague.NameIn(text, visible.Where(u => u.Id != user.Id)) is { } named)
            return new ReportAudience(named.Name + "的", new HashSet<long> { named.Id }, [named], named);
        if (user.Role == UserRole.Manager && visible.Count == 1)
            return new ReportAudience("你的", new HashSet<long> { user.Id }, [user], null);
        return user.Role == UserRole.Admin
            ? await CompanyAsync(users, ct)
            : new ReportAudience("团队", scope, visible, null);
    }

    /// <summary>Everyone's figures, each member who sells listed (the command line's default, and an admin's).</summary>
    public static async Task<ReportAudience> CompanyAsync(IUserDirectory users, CancellationToken ct) =>
        new("全公司", null, [.. (await users.ListActiveAsync(ct)).Where(u => u.Role != UserRole.Admin)], null);
}
