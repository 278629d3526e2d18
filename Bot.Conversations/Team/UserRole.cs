namespace Bot.Conversations.Team;

public enum UserRole
{
    Rep,
    Manager,
    Admin,
}

public static class UserRoles
{
    private static readonly Dictionary<string, UserRole> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["rep"] = UserRole.Rep,
        ["sales"] = UserRole.Rep,
        ["销售"] = UserRole.Rep,
        ["销售代表"] = UserRole.Rep,
        ["业务员"] = UserRole.Rep,
        ["manager"] = UserRole.Manager,
        ["经理"] = UserRole.Manager,
        ["销售经理"] = UserRole.Manager,
        ["主管"] = UserRole.Manager,
        ["admin"] = UserRole.Admin,
        ["管理员"] = UserRole.Admin,
    };

    public static bool TryParse(string? text, out UserRole role)
    {
        role = UserRole.Rep;
        return text is not null && ByName.TryGetValue(text.Trim(), out role);
    }

    public static string Code(this UserRole role) => role switch
    {
        UserRole.Rep => "rep",
        UserRole.Manager => "manager",
        UserRole.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static UserRole FromCode(string code) =>
        TryParse(code, out var role) ? role : throw new ArgumentException($"unknown role '{code}'", nameof(code));
}
