using Bot.Conversations.Customers;
using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

public sealed class InteractionRepository(NpgsqlDataSource dataSource) : IInteractionRepository
{
    private const string Columns = "id, customer_id, contact_id, rep_id, channel, occurred_at, summary, objections, amount, source_message";

    private const string InsertSql = $"""
        insert into interactions (customer_id, contact_id, rep_id, channel, occurred_at, summary, objections, amount, source_message, inbound_message_id)
        values (@CustomerId, @ContactId, @RepId, @Channel, @OccurredAt, @Summary, @Objections, @Amount, @SourceMessage, @InboundMessageId)
        on conflict (inbound_message_id) where inbound_message_id is not null do nothing
        returning {Columns}
        """;

    private const string ByInboundSql = $"select {Columns} from interactions where inbound_message_id = @InboundMessageId";

    private const string DeleteSql = "delete from interactions where id = @Id";

    private const string ListRecentSql = $"""
        select {Columns} from interactions where customer_id = @CustomerId
        order by occurred_at desc, id desc limit @Count
        """;

    // A class, not a positional record: Dapper cannot match text[] columns to constructor parameters.
    private sealed class InteractionRow
    {
        public long Id { get; init; }

        public long CustomerId { get; init; }

        public long? ContactId { get; init; }

        public long RepId { get; init; }

        public string Channel { get; init; } = "";

        public DateTime OccurredAt { get; init; }

        public string Summary { get; init; } = "";

        public string[] Objections { get; init; } = [];

        public decimal? Amount { get; init; }

        public string? SourceMessage { get; init; }


        public Interaction ToInteraction() => new(
            Id, CustomerId, ContactId, RepId, InteractionChannels.FromCode(Channel), new DateTimeOffset(OccurredAt, TimeSpan.Zero),
            Summary, Objections, Amount, SourceMessage);
    }

    public async Task<Interaction> AddAsync(NewInteraction interaction, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<InteractionRow>(new CommandDefinition(InsertSql, new
        {
            interaction.CustomerId,
            interaction.ContactId,
            interaction.RepId,
            Channel = interaction.Channel.Code(),
            OccurredAt = interaction.OccurredAt.ToUniversalTime(),
            interaction.Summary,
            Objections = interaction.Objections.ToArray(),
            interaction.Amount,
            interaction.SourceMessage,
            interaction.InboundMessageId,
        }, cancellationToken: ct));
        row ??= await connection.QuerySingleAsync<InteractionRow>(new CommandDefinition(ByInboundSql, new { interaction.InboundMessageId }, cancellationToken: ct));
        return row.ToInteraction();
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { Id = id }, cancellationToken: ct)) == 1;
    }

    public async Task<IReadOnlyList<Interaction>> ListRecentAsync(long customerId, int count, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<InteractionRow>(new CommandDefinition(ListRecentSql, new { CustomerId = customerId, Count = count }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToInteraction())];
    }
}
