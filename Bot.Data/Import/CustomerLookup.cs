using Dapper;
using Npgsql;

namespace Bot.Data.Import;

/// <summary>Finds a customer the way a spreadsheet names one: by legal name, short name or alias, if only one customer uses it.</summary>
internal sealed class CustomerLookup
{
    private const string CustomerNamesSql = """
        select id, legal_name, short_name, aliases, owner_id from customers where deleted_at is null
        """;

    private readonly Dictionary<string, List<CustomerRef>> _byName = [];

    public sealed record CustomerRef(long Id, long? OwnerId);

    // A class, not a positional record: Dapper cannot match text[] columns to constructor parameters.
    private sealed class CustomerName
    {
        public long Id { get; init; }

        public string LegalName { get; init; } = "";

        public string? ShortName { get; init; }

        public string[] Aliases { get; init; } = [];

        public long? OwnerId { get; init; }
    }

    public static async Task<CustomerLookup> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        var customers = (await connection.QueryAsync<CustomerName>(new CommandDefinition(CustomerNamesSql, transaction: tx, cancellationToken: ct))).ToList();
        var lookup = new CustomerLookup();
        foreach (var customer in customers)
        {
            var found = new CustomerRef(customer.Id, customer.OwnerId);
            lookup.Add(customer.LegalName, found);
            lookup.Add(customer.ShortName, found);
            foreach (var alias in customer.Aliases)
                lookup.Add(alias, found);
        }
        // A legal name is exact: it wins over someone else's short name that happens to read the same.
        foreach (var customer in customers)
            lookup._byName[CustomerNames.Normalize(customer.LegalName)] = [new CustomerRef(customer.Id, customer.OwnerId)];
        return lookup;
    }

    public bool TryResolve(string name, out CustomerRef customer, out string reason)
    {
        customer = null!;
        reason = "";
        if (!_byName.TryGetValue(CustomerNames.Normalize(name), out var found))
        {
            reason = $"客户「{name}」不存在，请先导入客户";
            return false;
        }
        if (found.Count > 1)
        {
            reason = $"「{name}」对应 {found.Count} 个客户，请写客户全称";
            return false;
        }
        customer = found[0];
        return true;
    }

    private void Add(string? name, CustomerRef customer)
    {
        if (string.IsNullOrWhiteSpace(name))
            return;
        var key = CustomerNames.Normalize(name);
        if (!_byName.TryGetValue(key, out var found))
            _byName[key] = found = [];
        if (!found.Contains(customer))
            found.Add(customer);
    }
}
