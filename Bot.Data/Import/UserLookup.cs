using Bot.Conversations.Team;
using Dapper;
using Npgsql;

namespace Bot.Data.Import;

/// <summary>Finds a user the way a spreadsheet names one: by WeCom userid, or by a name that is not shared.</summary>
internal sealed class UserLookup
{
    private const string AllUsersSql = "select id, wecom_userid, name, role from users where active";

    private readonly Dictionary<string, long> _byUserId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<long>> _byName = [];
    private readonly Dictionary<long, UserRole> _roles = [];

    private sealed record UserKey(long Id, string WecomUserid, string Name, string Role);

    public static async Task<UserLookup> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        var lookup = new UserLookup();
        foreach (var user in await connection.QueryAsync<UserKey>(new CommandDefinition(AllUsersSql, transaction: tx, cancellationToken: ct)))
        {
            lookup._byUserId[user.WecomUserid] = user.Id;
            lookup._roles[user.Id] = UserRoles.FromCode(user.Role);
            if (!lookup._byName.TryGetValue(user.Name, out var ids))
                lookup._byName[user.Name] = ids = [];
            ids.Add(user.Id);
        }
        return lookup;
    }

    /// <summary>The 负责人 column: empty means none given; a name that is not one user is refused.</summary>
    public bool TryResolveOwner(string? reference, out long? id, out string reason)
    {
        id = null;
        reason = "";
        if (reference is null)
            return true;
        if (!TryResolve(reference, out var found, out var why))
        {
            reason = "负责人" + why;
            return false;
        }
        id = found;
        return true;
    }

    public bool TryResolve(string reference, out long id, out string reason)
    {
        reason = "";
        if (_byUserId.TryGetValue(reference, out id))
            return true;
        if (_byName.TryGetValue(reference, out var ids))
        {
            if (ids.Count == 1)
            {
                id = ids[0];
                return true;
            }
            reason = $"「{reference}」有 {ids.Count} 位同名同事，请写用户ID";
            return false;
        }
        reason = $"「{reference}」不是系统里的用户，请先导入用户";
        return false;
    }

    /// <summary>The role of a user <see cref="TryResolve"/> found.</summary>
    public UserRole RoleOf(long id) => _roles[id];
}
