using Bot.Conversations.Team;
using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

public sealed class UserRepository(NpgsqlDataSource dataSource) : IUserDirectory
{
    private const string Columns = "id, wecom_userid, name, role, manager_id, active";

    private const string FindByWeComIdSql = $"select {Columns} from users where wecom_userid = @WeComUserId";

    private const string GetSql = $"select {Columns} from users where id = @Id";

    private const string ListTeamSql = $"select {Columns} from users where manager_id = @ManagerId and active order by name";

    private const string ListActiveSql = $"select {Columns} from users where active order by role <> 'manager', name, wecom_userid";

    private const string UpsertSql = $"""
        insert into users (wecom_userid, name, role, manager_id)
        values (@WeComUserId, @Name, @Role, @ManagerId)
        on conflict (wecom_userid) do update
            set name = excluded.name, role = excluded.role, manager_id = excluded.manager_id,
                active = true, updated_at = now()
        returning {Columns}
        """;

    internal sealed record UserRow(long Id, string WecomUserid, string Name, string Role, long? ManagerId, bool Active)
    {
        public SalesUser ToUser() => new(Id, WecomUserid, Name, UserRoles.FromCode(Role), ManagerId, Active);
    }

    public async Task<SalesUser?> FindByWeComIdAsync(string weComUserId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(FindByWeComIdSql, new { WeComUserId = weComUserId }, cancellationToken: ct));
        return row?.ToUser();
    }

    public async Task<SalesUser?> GetAsync(long id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(GetSql, new { Id = id }, cancellationToken: ct));
        return row?.ToUser();
    }

    public async Task<IReadOnlyList<SalesUser>> ListTeamAsync(long managerId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<UserRow>(new CommandDefinition(ListTeamSql, new { ManagerId = managerId }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToUser())];
    }

    public async Task<IReadOnlyList<SalesUser>> ListActiveAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<UserRow>(new CommandDefinition(ListActiveSql, cancellationToken: ct));
        return [.. rows.Select(r => r.ToUser())];
    }

    public async Task<SalesUser> UpsertAsync(string weComUserId, string name, UserRole role, long? managerId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleAsync<UserRow>(new CommandDefinition(UpsertSql,
            new { WeComUserId = weComUserId, Name = name, Role = role.Code(), ManagerId = managerId }, cancellationToken: ct));
        return row.ToUser();
    }
}
