using System.Text.RegularExpressions;
using Bot.Conversations.Team;
using Dapper;
using Npgsql;

namespace Bot.Data.Import;

/// <summary>Imports the sales team: userid,name,role,manager (用户ID,姓名,角色,上级).</summary>
public sealed partial class UserImporter(NpgsqlDataSource dataSource)
{
    private static readonly CsvColumn[] Columns =
    [
        new("userid", true, "用户ID", "用户id", "企业微信ID", "账号", "UserID"),
        new("name", true, "姓名", "名字"),
        new("role", false, "角色", "岗位"),
        new("manager", false, "上级", "直属上级", "经理"),
    ];

    private const string ExistingSql = """
        select u.wecom_userid, u.name, u.role, m.wecom_userid as manager_userid
        from users u left join users m on m.id = u.manager_id
        """;

    private const string UpsertSql = """
        insert into users (wecom_userid, name, role) values (@UserId, @Name, @Role)
        on conflict (wecom_userid) do update set name = excluded.name, role = excluded.role, active = true, updated_at = now()
        """;

    private const string SetManagerSql = """
        update users set manager_id = (select id from users where wecom_userid = @ManagerUserId), updated_at = now()
        where wecom_userid = @UserId
        """;

    [GeneratedRegex(@"^[A-Za-z0-9_.@\-]{1,64}$")]
    private static partial Regex WeComUserId();

    private sealed record ExistingUser(string WecomUserid, string Name, string Role, string? ManagerUserid);

    private sealed record UserLine(int Line, string UserId, string Name, UserRole Role, string? ManagerRef);

    public async Task<ImportReport> ImportAsync(byte[] file, CancellationToken ct)
    {
        var report = new ImportReport("用户");
        var rows = CsvTable.Read(file, Columns, report);

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var existing = (await connection.QueryAsync<ExistingUser>(new CommandDefinition(ExistingSql, transaction: tx, cancellationToken: ct)))
            .ToDictionary(u => u.WecomUserid, StringComparer.OrdinalIgnoreCase);

        var lines = ParseLines(rows, report);
        var resolved = ResolveManagers(lines, existing, report);

        foreach (var (line, managerUserId) in resolved)
        {
            await connection.ExecuteAsync(new CommandDefinition(UpsertSql, new { line.UserId, line.Name, Role = line.Role.Code() }, tx, cancellationToken: ct));
            if (!existing.TryGetValue(line.UserId, out var before))
                report.Added++;
            else if (before.Name != line.Name || before.Role != line.Role.Code() || !string.Equals(before.ManagerUserid, managerUserId, StringComparison.OrdinalIgnoreCase))
                report.Updated++;
            else
                report.Unchanged++;
        }
        // Managers are set in a second pass: a manager may be listed below the people who report to them.
        foreach (var (line, managerUserId) in resolved)
            await connection.ExecuteAsync(new CommandDefinition(SetManagerSql, new { line.UserId, ManagerUserId = managerUserId }, tx, cancellationToken: ct));

        await ImportAudit.RecordAsync(connection, tx, "users", report, ct);
        await tx.CommitAsync(ct);
        return report;
    }

    private static List<UserLine> ParseLines(IReadOnlyList<CsvRow> rows, ImportReport report)
    {
        var lines = new List<UserLine>();
        var firstLine = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            var userId = row.Get("userid");
            var name = row.Get("name");
            if (userId is null || !WeComUserId().IsMatch(userId))
            {
                report.Reject(row.Line, userId is null ? "缺少用户ID" : $"用户ID「{userId}」含有不允许的字符");
                continue;
            }
            if (name is null)
            {
                report.Reject(row.Line, "缺少姓名");
                continue;
            }
            var roleText = row.Get("role");
            var role = UserRole.Rep;
            if (roleText is not null && !UserRoles.TryParse(roleText, out role))
            {
                report.Reject(row.Line, $"角色「{roleText}」不认识，可填 销售/经理/管理员 或 rep/manager/admin");
                continue;
            }
            if (firstLine.TryGetValue(userId, out var earlier))
            {
                report.Reject(row.Line, $"用户ID「{userId}」与第 {earlier} 行重复");
                continue;
            }
            firstLine[userId] = row.Line;
            lines.Add(new UserLine(row.Line, userId, name, role, row.Get("manager")));
        }
        return lines;
    }

    private static List<(UserLine Line, string? ManagerUserId)> ResolveManagers(
        List<UserLine> lines, Dictionary<string, ExistingUser> existing, ImportReport report)
    {
        var known = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var namesToIds = new Dictionary<string, HashSet<string>>();
        void Know(string userId, string name)
        {
            known[userId] = userId;
            if (!namesToIds.TryGetValue(name, out var ids))
                namesToIds[name] = ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            ids.Add(userId);
        }
        var inFile = lines.Select(l => l.UserId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var user in existing.Values.Where(u => !inFile.Contains(u.WecomUserid)))
            Know(user.WecomUserid, user.Name);
        foreach (var line in lines)
            Know(line.UserId, line.Name);

        var resolved = new List<(UserLine, string?)>();
        foreach (var line in lines)
        {
            if (line.ManagerRef is null)
            {
                resolved.Add((line, null));
                continue;
            }
            string? managerUserId = known.TryGetValue(line.ManagerRef, out var byId) ? byId : null;
            if (managerUserId is null && namesToIds.TryGetValue(line.ManagerRef, out var byName))
            {
                if (byName.Count > 1)
                {
                    report.Reject(line.Line, $"上级「{line.ManagerRef}」有同名同事，请写用户ID");
                    continue;
                }
                managerUserId = byName.First();
            }
            if (managerUserId is null)
            {
                report.Reject(line.Line, $"上级「{line.ManagerRef}」不是系统里的用户，也不在本文件中");
                continue;
            }
            if (string.Equals(managerUserId, line.UserId, StringComparison.OrdinalIgnoreCase))
            {
                report.Reject(line.Line, "上级不能是自己");
                continue;
            }
            resolved.Add((line, managerUserId));
        }
        return resolved;
    }
}
