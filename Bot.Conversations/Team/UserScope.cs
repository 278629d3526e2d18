namespace Bot.Conversations.Team;

/// <summary>
/// Whose customers a user may see and change: a rep their own, a manager their team's (and their own), an admin
/// everyone's. <see cref="OwnerIds"/> is null for "everyone".
/// </summary>
public sealed record UserScope(SalesUser User, IReadOnlySet<long>? OwnerIds)
{
    public bool Covers(long? ownerId) => OwnerIds is null || (ownerId is { } id && OwnerIds.Contains(id));

    public static async Task<UserScope> ForAsync(SalesUser user, IUserDirectory users, CancellationToken ct) => user.Role switch
    {
        UserRole.Admin => new UserScope(user, null),
        UserRole.Manager => new UserScope(user, (await users.ListTeamAsync(user.Id, ct)).Select(u => u.Id).Append(user.Id).ToHashSet()),
        _ => new UserScope(user, new HashSet<long> { user.Id }),
    };
}
