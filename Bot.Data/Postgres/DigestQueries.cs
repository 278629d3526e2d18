using Bot.Conversations.Customers;
using Bot.Conversations.Digest;
using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

public sealed class DigestQueries(NpgsqlDataSource dataSource) : IDigestQueries
{
    private const string BirthdaysSql = """
        select coalesce(c.short_name, c.legal_name) as customer_name, k.name as contact_name, k.title,
               k.birth_month, k.birth_day, k.birth_year, k.birthday_lunar, u.name as owner_name
        from contacts k join customers c on c.id = k.customer_id left join users u on u.id = c.owner_id
        where (@AllOwners or c.owner_id = any(@OwnerIds)) and c.deleted_at is null and k.deleted_at is null and k.birth_month is not null
        """;

    private sealed record Row(string CustomerName, string ContactName, string? Title, short BirthMonth, short BirthDay, short? BirthYear, bool BirthdayLunar, string? OwnerName);

    public async Task<IReadOnlyList<ContactBirthday>> BirthdaysAsync(IReadOnlySet<long>? ownerIds, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(BirthdaysSql, new { AllOwners = ownerIds is null, OwnerIds = ownerIds?.ToArray() ?? [] }, cancellationToken: ct));
        return [.. rows.Select(r => new ContactBirthday(r.CustomerName, r.ContactName, r.Title, new Birthday(r.BirthMonth, r.BirthDay, r.BirthYear, r.BirthdayLunar), r.OwnerName))];
    }
}
