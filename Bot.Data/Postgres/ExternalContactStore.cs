using Bot.Conversations.Customers;
using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

public sealed class ExternalContactStore(NpgsqlDataSource dataSource, ICustomerRepository customers) : IExternalContactStore
{
    private const string ByExternalIdSql = """
        select id, customer_id from contacts where wecom_external_userid = @ExternalUserId and deleted_at is null
        """;

    // The rep's own customers first: the same company name may also exist under a colleague.
    private const string CustomerByCompanySql = """
        select id from customers
        where deleted_at is null and (legal_name = @Company or short_name = @Company or @Company = any(aliases))
        order by (owner_id = @RepId) desc nulls last, id
        limit 1
        """;

    private const string InsertCustomerSql = """
        insert into customers (legal_name, owner_id, stage, stage_changed_at) values (@LegalName, @RepId, 'lead', @At)
        on conflict (legal_name) where deleted_at is null do nothing
        returning id
        """;

    private const string CustomerByLegalNameSql = "select id from customers where legal_name = @LegalName and deleted_at is null";

    private const string InitialStageSql = """
        insert into stage_history (customer_id, from_stage, to_stage, changed_by, changed_at) values (@CustomerId, null, 'lead', @RepId, @At)
        """;

    private const string ContactByNameSql = """
        select id from contacts
        where customer_id = @CustomerId and name = @Name and deleted_at is null and wecom_external_userid is null
        """;

    private const string AttachExternalIdSql = """
        update contacts set wecom_external_userid = @ExternalUserId, title = coalesce(title, @Position), updated_at = now() where id = @Id
        """;

    private const string InsertContactSql = """
        insert into contacts (customer_id, name, title, wecom_external_userid) values (@CustomerId, @Name, @Position, @ExternalUserId)
        on conflict do nothing
        returning id
        """;

    // Adding the rep on WeChat is the customer's own act: it is the consent to care messages (migration 0011).
    private const string ConsentSql = """
        update contacts set care_consent_at = @At, care_consent_source = 'wecom' where id = @Id and care_consent_at is null
        """;

    private const string SetRemovedSql = """
        update contacts set wecom_removed_at = @RemovedAt, updated_at = now() where wecom_external_userid = @ExternalUserId
        """;

    private const string KnownSql = """
        select t.wecom_external_userid as external_user_id, u.wecom_userid as owner_user_id, t.wecom_removed_at is not null as removed
        from contacts t join customers c on c.id = t.customer_id left join users u on u.id = c.owner_id
        where t.wecom_external_userid is not null and t.deleted_at is null and c.deleted_at is null
        """;

    private sealed record ContactKey(long Id, long CustomerId);

    public async Task<LinkedContact> LinkAsync(long repId, ExternalContactProfile profile, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await OwnTransaction.BeginAsync(connection, ct);
        var args = new { profile.ExternalUserId, profile.Name, profile.Position, RepId = repId, At = at.ToUniversalTime() };
        var existing = await connection.QuerySingleOrDefaultAsync<ContactKey>(new CommandDefinition(ByExternalIdSql, args, tx, cancellationToken: ct));
        var customerCreated = false;
        var contactCreated = false;
        long contactId, customerId;
        if (existing is not null)
        {
            (contactId, customerId) = (existing.Id, existing.CustomerId);
        }
        else
        {
            var company = string.IsNullOrWhiteSpace(profile.CorpName) ? null : profile.CorpName.Trim();
            long? found = company is null ? null
                : await connection.ExecuteScalarAsync<long?>(new CommandDefinition(CustomerByCompanySql, new { Company = company, RepId = repId }, tx, cancellationToken: ct));
            if (found is { } id)
            {
                customerId = id;
            }
            else
            {
                // A WeChat account without a company becomes its own lead, named after the person.
                var legalName = company ?? $"{profile.Name}（微信客户）";
                var inserted = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(InsertCustomerSql, new { LegalName = legalName, RepId = repId, args.At }, tx, cancellationToken: ct));
                if (inserted is { } newId)
                {
                    customerCreated = true;
                    await connection.ExecuteAsync(new CommandDefinition(InitialStageSql, new { CustomerId = newId, RepId = repId, args.At }, tx, cancellationToken: ct));
                }
                customerId = inserted ?? await connection.ExecuteScalarAsync<long>(new CommandDefinition(CustomerByLegalNameSql, new { LegalName = legalName }, tx, cancellationToken: ct));
            }
            var sameName = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(ContactByNameSql, new { CustomerId = customerId, profile.Name }, tx, cancellationToken: ct));
            if (sameName is { } contact)
            {
                await connection.ExecuteAsync(new CommandDefinition(AttachExternalIdSql, new { Id = contact, profile.ExternalUserId, profile.Position }, tx, cancellationToken: ct));
                contactId = contact;
            }
            else
            {
                contactId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(InsertContactSql,
                    new { CustomerId = customerId, profile.Name, profile.Position, profile.ExternalUserId }, tx, cancellationToken: ct))
                    ?? throw new InvalidOperationException($"contact {profile.Name} exists at customer {customerId} with another WeChat account");
                contactCreated = true;
            }
        }
        await connection.ExecuteAsync(new CommandDefinition(ConsentSql, new { Id = contactId, args.At }, tx, cancellationToken: ct));
        await OwnTransaction.CommitAsync(tx, ct);
        // Closed before the repository opens its own: inside a message's transaction, two open connections would need two-phase commit.
        await connection.CloseAsync();
        var customer = await customers.GetAsync(customerId, ct) ?? throw new InvalidOperationException($"customer {customerId} vanished");
        var linkedContact = (await customers.ListContactsAsync(customerId, ct)).Single(c => c.Id == contactId);
        return new LinkedContact(customer, linkedContact, customerCreated, contactCreated);
    }

    public async Task<(Customer Customer, Contact Contact)?> FindAsync(string externalUserId, CancellationToken ct)
    {
        ContactKey? key;
        // Closed before the repository opens its own: inside a message's transaction, two open connections would need two-phase commit.
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
            key = await connection.QuerySingleOrDefaultAsync<ContactKey>(new CommandDefinition(ByExternalIdSql, new { ExternalUserId = externalUserId }, cancellationToken: ct));
        if (key is null || await customers.GetAsync(key.CustomerId, ct) is not { } customer)
            return null;
        var contact = (await customers.ListContactsAsync(key.CustomerId, ct)).Single(c => c.Id == key.Id);
        return (customer, contact);
    }

    public async Task SetRemovedAsync(string externalUserId, DateTimeOffset? removedAt, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(SetRemovedSql, new { ExternalUserId = externalUserId, RemovedAt = removedAt?.ToUniversalTime() }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<KnownExternalContact>> ListKnownAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<KnownExternalContact>(new CommandDefinition(KnownSql, cancellationToken: ct, commandTimeout: 300))];
    }
}
