using System.Text.Json;
using Bot.Conversations.Customers;
using Bot.Conversations.Team;

namespace Bot.Conversations.Understanding.Evaluation;

/// <summary>
/// A customer book as a JSON file (users with roles and managers, customers with owners and contacts), the
/// directory the labelled messages written against it are understood in. Ids are given in file order.
/// </summary>
public sealed class LabelledBook
{
    private readonly Dictionary<string, UserScope> _scopes;

    private LabelledBook(CustomerDirectory.View view, Dictionary<string, UserScope> scopes)
    {
        View = view;
        _scopes = scopes;
    }

    public CustomerDirectory.View View { get; }

    public UserScope? ScopeOf(string userId) => _scopes.GetValueOrDefault(userId);

    public static LabelledBook Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var users = root.GetProperty("users").EnumerateArray().Select((u, i) => (
            Id: (long)i + 1,
            UserId: u.GetProperty("userid").GetString()!,
            Name: u.GetProperty("name").GetString()!,
            Role: UserRoles.FromCode(u.GetProperty("role").GetString()!),
            Manager: u.GetProperty("manager").ValueKind == JsonValueKind.String ? u.GetProperty("manager").GetString() : null)).ToList();
        var ids = users.ToDictionary(u => u.UserId, u => u.Id);

        var customers = new List<DirectoryCustomer>();
        var contacts = new List<DirectoryContact>();
        foreach (var c in root.GetProperty("customers").EnumerateArray())
        {
            var id = customers.Count + 1L;
            var shortName = c.TryGetProperty("short_name", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            string[] aliases = c.TryGetProperty("aliases", out var a) ? [.. a.EnumerateArray().Select(x => x.GetString()!)] : [];
            customers.Add(new DirectoryCustomer(id, c.GetProperty("legal_name").GetString()!, shortName, aliases, ids[c.GetProperty("owner").GetString()!]));
            foreach (var p in c.GetProperty("contacts").EnumerateArray())
            {
                var title = p.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                contacts.Add(new DirectoryContact(100_000 + contacts.Count, id, p.GetProperty("name").GetString()!, title));
            }
        }

        var view = CustomerDirectory.View.Of(customers, contacts, [.. users.Select(u => new DirectoryMember(u.Id, u.Name))]);
        var scopes = users.ToDictionary(u => u.UserId, u =>
        {
            var user = new SalesUser(u.Id, u.UserId, u.Name, u.Role, u.Manager is null ? null : ids[u.Manager], true);
            return u.Role switch
            {
                UserRole.Admin => new UserScope(user, null),
                UserRole.Manager => new UserScope(user, users.Where(x => x.Manager == u.UserId).Select(x => x.Id).Append(u.Id).ToHashSet()),
                _ => new UserScope(user, new HashSet<long> { u.Id }),
            };
        });
        return new LabelledBook(view, scopes);
    }
}
