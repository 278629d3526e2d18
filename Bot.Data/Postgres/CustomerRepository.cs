using Bot.Conversations.Customers;
using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

public sealed class CustomerRepository(NpgsqlDataSource dataSource, TimeProvider clock) : ICustomerRepository
{
    private const string Columns = """
        id, legal_name, short_name, aliases, industry, size, region, owner_id, stage, stage_changed_at,
        tier, strategic, care_opted_out_at, created_at
        """;

    private const string GetSql = $"select {Columns} from customers where id = @Id and deleted_at is null";

    private const string InsertSql = $"""
        insert into customers (legal_name, short_name, aliases, industry, size, region, owner_id, stage, stage_changed_at)
        values (@LegalName, @ShortName, @Aliases, @Industry, @Size, @Region, @OwnerId, @Stage, @Now)
        returning {Columns}
        """;

    private const string InitialStageSql = """
        insert into stage_history (customer_id, from_stage, to_stage, changed_by, changed_at)
        values (@CustomerId, null, @Stage, @ActorId, @Now)
        """;

    private const string ListByOwnersSql = $"""
        select {Columns} from customers
        where owner_id = any(@OwnerIds) and deleted_at is null
        order by legal_name
        """;

    // The row lock makes two concurrent stage changes record a consistent from → to chain.
    private const string CurrentStageForUpdateSql = "select stage from customers where id = @CustomerId and deleted_at is null for update";

    private const string ChangeStageSql = """
        update customers set stage = @Stage, stage_changed_at = @At, updated_at = @At where id = @CustomerId;
        insert into stage_history (customer_id, from_stage, to_stage, changed_by, changed_at)
        values (@CustomerId, @From, @Stage, @ActorId, @At);
        """;

    // The entry the change wrote is the customer's latest; the stage and its start come back as they were.
    private const string RevertStageSql = """
        delete from stage_history where id = (select id from stage_history where customer_id = @CustomerId order by changed_at desc, id desc limit 1);
        update customers set stage = @Stage, stage_changed_at = @Since where id = @CustomerId;
        """;

    private const string DeleteCreatedSql = "delete from customers where id = @Id";

    // A deleted customer's open deals go with it, so the pipeline never has to look customers up to skip them.
    private const string SoftDeleteSql = """
        with gone as (update customers set deleted_at = @At, updated_at = @At where id = @Id and deleted_at is null returning id),
        dropped as (delete from deals where customer_id in (select id from gone) and closed_at is null)
        select count(*)::int from gone
        """;

    private const string ContactColumns = """
        id, customer_id, name, title, phone, wecom_external_userid, birth_month, birth_day, birth_year, birthday_lunar, decision_role
        """;

    private const string InsertContactSql = $"""
        insert into contacts (customer_id, name, title, phone, wecom_external_userid, birth_month, birth_day, birth_year, birthday_lunar, decision_role)
        values (@CustomerId, @Name, @Title, @Phone, @WeComExternalUserId, @BirthMonth, @BirthDay, @BirthYear, @BirthdayLunar, @DecisionRole)
        returning {ContactColumns}
        """;

    private const string ListContactsSql = $"select {ContactColumns} from contacts where customer_id = @CustomerId and deleted_at is null order by id";

    // A class, not a positional record: Dapper cannot match text[] columns to constructor parameters.
    private sealed class CustomerRow
    {
        public long Id { get; init; }

        public string LegalName { get; init; } = "";

        public string? ShortName { get; init; }

        public string[] Aliases { get; init; } = [];

        public string? Industry { get; init; }

        public string? Size { get; init; }

        public string? Region { get; init; }

        public long? OwnerId { get; init; }

        public string Stage { get; init; } = "";

        public DateTime StageChangedAt { get; init; }

        public string? Tier { get; init; }

        public bool Strategic { get; init; }

        public DateTime? CareOptedOutAt { get; init; }

        public DateTime CreatedAt { get; init; }


        public Customer ToCustomer() => new(
            Id, LegalName, ShortName, Aliases, Industry, Size, Region, OwnerId, FunnelStages.FromCode(Stage),
            new DateTimeOffset(StageChangedAt, TimeSpan.Zero), Tier is null ? null : Enum.Parse<CustomerTier>(Tier),
            Strategic, CareOptedOutAt is not null, new DateTimeOffset(CreatedAt, TimeSpan.Zero));
    }

    private sealed record ContactRow(
        long Id, long CustomerId, string Name, string? Title, string? Phone, string? WecomExternalUserid,
        short? BirthMonth, short? BirthDay, short? BirthYear, bool BirthdayLunar, string? DecisionRole)
    {
        public Contact ToContact() => new(
            Id, CustomerId, Name, Title, Phone, WecomExternalUserid,
            BirthMonth is { } m && BirthDay is { } d ? new Birthday(m, d, BirthYear, BirthdayLunar) : null,
            DecisionRole);
    }

    public async Task<Customer?> GetAsync(long id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<CustomerRow>(new CommandDefinition(GetSql, new { Id = id }, cancellationToken: ct));
        return row?.ToCustomer();
    }

    public async Task<Customer> AddAsync(NewCustomer customer, long? actorId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await OwnTransaction.BeginAsync(connection, ct);
        var row = await connection.QuerySingleAsync<CustomerRow>(new CommandDefinition(InsertSql, new
        {
            customer.LegalName,
            customer.ShortName,
            Aliases = customer.Aliases.ToArray(),
            customer.Industry,
            customer.Size,
            customer.Region,
            customer.OwnerId,
            Stage = customer.Stage.Code(),
            Now = now,
        }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(InitialStageSql,
            new { CustomerId = row.Id, Stage = customer.Stage.Code(), ActorId = actorId, Now = now }, tx, cancellationToken: ct));
        await OwnTransaction.CommitAsync(tx, ct);
        return row.ToCustomer();
    }

    public async Task<IReadOnlyList<Customer>> ListByOwnersAsync(IReadOnlyCollection<long> ownerIds, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<CustomerRow>(new CommandDefinition(ListByOwnersSql, new { OwnerIds = ownerIds.ToArray() }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToCustomer())];
    }

    public async Task<bool> ChangeStageAsync(long customerId, FunnelStage stage, long? actorId, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await OwnTransaction.BeginAsync(connection, ct);
        var current = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(CurrentStageForUpdateSql, new { CustomerId = customerId }, tx, cancellationToken: ct))
            ?? throw new KeyNotFoundException($"customer {customerId} not found");
        if (current == stage.Code())
            return false;
        await connection.ExecuteAsync(new CommandDefinition(ChangeStageSql,
            new { CustomerId = customerId, From = current, Stage = stage.Code(), ActorId = actorId, At = at.ToUniversalTime() }, tx, cancellationToken: ct));
        await OwnTransaction.CommitAsync(tx, ct);
        return true;
    }

    public async Task RevertStageAsync(long customerId, FunnelStage stage, DateTimeOffset since, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await OwnTransaction.BeginAsync(connection, ct);
        await connection.ExecuteAsync(new CommandDefinition(RevertStageSql,
            new { CustomerId = customerId, Stage = stage.Code(), Since = since.ToUniversalTime() }, tx, cancellationToken: ct));
        await OwnTransaction.CommitAsync(tx, ct);
    }

    public async Task DeleteCreatedAsync(long customerId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(DeleteCreatedSql, new { Id = customerId }, cancellationToken: ct));
    }

    public async Task<bool> SoftDeleteAsync(long customerId, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(SoftDeleteSql, new { Id = customerId, At = at.ToUniversalTime() }, cancellationToken: ct)) == 1;
    }

    public async Task<Contact> AddContactAsync(NewContact contact, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleAsync<ContactRow>(new CommandDefinition(InsertContactSql, new
        {
            contact.CustomerId,
            contact.Name,
            contact.Title,
            contact.Phone,
            contact.WeComExternalUserId,
            BirthMonth = (short?)contact.Birthday?.Month,
            BirthDay = (short?)contact.Birthday?.Day,
            BirthYear = (short?)contact.Birthday?.Year,
            BirthdayLunar = contact.Birthday?.Lunar ?? false,
            contact.DecisionRole,
        }, cancellationToken: ct));
        return row.ToContact();
    }

    public async Task<IReadOnlyList<Contact>> ListContactsAsync(long customerId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<ContactRow>(new CommandDefinition(ListContactsSql, new { CustomerId = customerId }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToContact())];
    }
}
