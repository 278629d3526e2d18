namespace Bot.Conversations.Team;

public interface IUserDirectory
{
    Task<SalesUser?> FindByWeComIdAsync(string weComUserId, CancellationToken ct);

    Task<SalesUser?> GetAsync(long id, CancellationToken ct);

    /// <summary>The active members whose manager is <paramref name="managerId"/>.</summary>
    Task<IReadOnlyList<SalesUser>> ListTeamAsync(long managerId, CancellationToken ct);

    /// <summary>Every active member, managers first, then by name.</summary>
    Task<IReadOnlyList<SalesUser>> ListActiveAsync(CancellationToken ct);

    /// <summary>Creates or updates by WeCom userid and returns the stored user.</summary>
    Task<SalesUser> UpsertAsync(string weComUserId, string name, UserRole role, long? managerId, CancellationToken ct);
}
