using Bot.Conversations.Customers;
using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

public sealed class ReminderRepository(NpgsqlDataSource dataSource) : IReminderRepository
{
    private const string Columns = """
        r.id, r.rep_id, r.customer_id, coalesce(c.short_name, c.legal_name) as customer_name, r.due_at, r.note, r.source, r.status,
        r.assigned_by, r.appointment_at
        """;

    private const string InsertSql = $"""
        with inserted as (
            insert into reminders (rep_id, customer_id, due_at, note, source, assigned_by, appointment_at, appointment_channel, inbound_message_id)
            values (@RepId, @CustomerId, @DueAt, @Note, @Source, @AssignedBy, @AppointmentAt, @AppointmentChannel, @InboundMessageId)
            returning *)
        select {Columns} from inserted r left join customers c on c.id = r.customer_id
        """;

    private const string OpenSql = $"""
        select {Columns} from reminders r left join customers c on c.id = r.customer_id
        where r.status = 'open' and r.rep_id = any(@RepIds) and r.due_at < @Until
        order by r.due_at, r.id
        """;

    private const string OpenForCustomerSql = $"""
        select {Columns} from reminders r left join customers c on c.id = r.customer_id
        where r.status = 'open' and r.customer_id = @CustomerId
        order by r.due_at, r.id
        """;

    private const string DeleteSql = "delete from reminders where id = @Id";

    private const string CompleteSql = $"""
        with done as (
            update reminders set status = 'done', completed_at = @At where id = @Id and rep_id = @RepId and status = 'open' returning *)
        select {Columns} from done r left join customers c on c.id = r.customer_id
        """;

    private const string PostponeSql = $"""
        with moved as (
            update reminders set due_at = due_at + @By, appointment_at = appointment_at + @By, postponed_count = postponed_count + 1
            where id = @Id and rep_id = @RepId and status = 'open' returning *)
        select {Columns} from moved r left join customers c on c.id = r.customer_id
        """;

    private const string RescheduleSql = $"""
        with moved as (
            update reminders set due_at = @DueAt, appointment_at = appointment_at + (@DueAt - due_at), postponed_count = postponed_count + 1
            where id = @Id and rep_id = @RepId and status = 'open' returning *)
        select {Columns} from moved r left join customers c on c.id = r.customer_id
        """;

    private const string TakeOverSql = $"""
        with moved as (
            update reminders set due_at = @DueAt, source = @Source
            where id = @Id and rep_id = @RepId and status = 'open' returning *)
        select {Columns} from moved r left join customers c on c.id = r.customer_id
        """;

    private const string RestoreSql = "update reminders set due_at = @DueAt, source = @Source where id = @Id";

    private const string ReopenSql = """
        update reminders set status = 'open', due_at = @DueAt, completed_at = null
        where id = @Id and rep_id = @RepId and status in ('open', 'done')
        """;

    private const string InsertManySql = """
        insert into reminders (rep_id, customer_id, due_at, note, source)
        select * from unnest(@RepIds, @CustomerIds, @DueAts, @Notes, @Sources)
        """;

    private const string DueWithoutCardSql = $"""
        select {Columns} from reminders r left join customers c on c.id = r.customer_id
        where r.status = 'open' and r.due_at between @Since and @Until and r.card_sent_for is distinct from r.due_at
        order by r.due_at, r.id
        """;

    private const string CardSentSql = """
        update reminders r set card_sent_for = s.due_at
        from unnest(@Ids, @DueAts) as s(id, due_at)
        where r.id = s.id and r.due_at = s.due_at
        """;

    private const string OverdueNotEscalatedSql = $"""
        select {Columns} from reminders r left join customers c on c.id = r.customer_id
        where r.status = 'open' and r.due_at < @DueBefore and r.escalated_at is null
        order by r.rep_id, r.due_at, r.id
        """;

    private const string EscalatedSql = "update reminders set escalated_at = @At where id = any(@Ids) and escalated_at is null";

    // An appointment is over about this long after it starts: a call sooner than a visit or a meeting.
    private const string OutcomesDueSql = """
        select r.id as reminder_id, r.rep_id, r.customer_id, coalesce(c.short_name, c.legal_name) as customer_name, r.appointment_at as at,
               r.appointment_channel as channel,
               exists (select 1 from interactions i where i.customer_id = r.customer_id and i.rep_id = r.rep_id
                       and i.occurred_at >= r.appointment_at - interval '2 hours') as already_logged
        from reminders r join customers c on c.id = r.customer_id
        where r.appointment_at is not null and r.outcome_asked_at is null and r.status <> 'cancelled'
          and r.appointment_at + case when r.appointment_channel in ('phone', 'wechat', 'email') then interval '30 minutes' else interval '90 minutes' end <= @Now
        order by r.appointment_at, r.id
        """;

    private const string OutcomeAskedSql = """
        update reminders set outcome_asked_at = @At,
            status = case when status = 'open' then 'done' else status end,
            completed_at = case when status = 'open' then @At else completed_at end
        where id = any(@Ids) and outcome_asked_at is null
        """;

    private const string AwaitedOutcomeSql = """
        select r.id as reminder_id, r.customer_id, r.appointment_at as at, r.appointment_channel as channel
        from reminders r join customers c on c.id = r.customer_id and c.deleted_at is null
        where r.rep_id = @RepId and r.outcome_asked_at >= @Since 
          and not exists (select 1 from interactions i where i.customer_id = r.customer_id and i.rep_id = r.rep_id and i.occurred_at >= r.outcome_asked_at)
        order by r.outcome_asked_at desc, r.id desc
        limit 1
        """;

    private sealed record ReminderRow(
        long Id, long RepId, long? CustomerId, string? CustomerName, DateTime DueAt, string Note, string Source, string Status, long? AssignedBy, DateTime? AppointmentAt)
    {
        public Reminder ToReminder() => new(Id, RepId, CustomerId, CustomerName, new DateTimeOffset(DueAt, TimeSpan.Zero), Note, Source, Status,
            AssignedBy, AppointmentAt is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : null);
    }

    private sealed record OutcomeDueRow(long ReminderId, long RepId, long CustomerId, string CustomerName, DateTime At, string? Channel, bool AlreadyLogged);

    private sealed record AwaitedRow(long ReminderId, long CustomerId, DateTime At, string? Channel);

    public Task<Reminder> AddAsync(long repId, long? customerId, DateTimeOffset dueAt, string note, string source, CancellationToken ct) =>
        AddAsync(new NewReminder(repId, customerId, dueAt, note, source), ct);

    public async Task<Reminder> AddAsync(NewReminder reminder, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleAsync<ReminderRow>(new CommandDefinition(InsertSql, new
        {
            reminder.RepId, reminder.CustomerId, DueAt = reminder.DueAt.ToUniversalTime(), reminder.Note, reminder.Source, reminder.AssignedBy,
            AppointmentAt = reminder.Appointment?.At.ToUniversalTime(), AppointmentChannel = reminder.Appointment?.Channel.Code(),
            reminder.InboundMessageId,
        }, cancellationToken: ct));
        return row.ToReminder();
    }

    public async Task<IReadOnlyList<AppointmentDue>> ListOutcomesDueAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<OutcomeDueRow>(new CommandDefinition(OutcomesDueSql, new { Now = now.ToUniversalTime() }, cancellationToken: ct));
        return [.. rows.Select(r => new AppointmentDue(r.ReminderId, r.RepId, r.CustomerId, r.CustomerName, new DateTimeOffset(r.At, TimeSpan.Zero),
            InteractionChannels.FromCode(r.Channel ?? ""), r.AlreadyLogged))];
    }

    public async Task MarkOutcomeAskedAsync(IReadOnlyList<long> ids, DateTimeOffset at, CancellationToken ct)
    {
        if (ids.Count == 0)
            return;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(OutcomeAskedSql, new { Ids = ids.ToArray(), At = at.ToUniversalTime() }, cancellationToken: ct));
    }

    public async Task<AwaitedOutcome?> FindAwaitedOutcomeAsync(long repId, DateTimeOffset since, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<AwaitedRow>(new CommandDefinition(AwaitedOutcomeSql,
            new { RepId = repId, Since = since.ToUniversalTime() }, cancellationToken: ct));
        return row is null ? null
            : new AwaitedOutcome(row.ReminderId, row.CustomerId, new DateTimeOffset(row.At, TimeSpan.Zero), InteractionChannels.FromCode(row.Channel ?? ""));
    }

    public Task<IReadOnlyList<Reminder>> ListOpenAsync(IReadOnlyCollection<long> repIds, DateTimeOffset until, CancellationToken ct) =>
        ListAsync(OpenSql, new { RepIds = repIds.ToArray(), Until = until.ToUniversalTime() }, ct);

    public Task<IReadOnlyList<Reminder>> ListOpenForCustomerAsync(long customerId, CancellationToken ct) =>
        ListAsync(OpenForCustomerSql, new { CustomerId = customerId }, ct);

    public async Task<Reminder?> CompleteAsync(long id, long repId, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<ReminderRow>(new CommandDefinition(CompleteSql,
            new { Id = id, RepId = repId, At = at.ToUniversalTime() }, cancellationToken: ct));
        return row?.ToReminder();
    }

    public async Task<Reminder?> PostponeAsync(long id, long repId, TimeSpan by, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<ReminderRow>(new CommandDefinition(PostponeSql,
            new { Id = id, RepId = repId, By = by }, cancellationToken: ct));
        return row?.ToReminder();
    }

    public async Task<Reminder?> RescheduleAsync(long id, long repId, DateTimeOffset dueAt, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<ReminderRow>(new CommandDefinition(RescheduleSql,
            new { Id = id, RepId = repId, DueAt = dueAt.ToUniversalTime() }, cancellationToken: ct));
        return row?.ToReminder();
    }

    public async Task<bool> ReopenAsync(long id, long repId, DateTimeOffset dueAt, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(ReopenSql,
            new { Id = id, RepId = repId, DueAt = dueAt.ToUniversalTime() }, cancellationToken: ct)) == 1;
    }

    public async Task AddManyAsync(IReadOnlyList<NewReminder> reminders, CancellationToken ct)
    {
        if (reminders.Count == 0)
            return;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(InsertManySql, new
        {
            RepIds = reminders.Select(r => r.RepId).ToArray(),
            CustomerIds = reminders.Select(r => r.CustomerId).ToArray(),
            DueAts = reminders.Select(r => r.DueAt.UtcDateTime).ToArray(),
            Notes = reminders.Select(r => r.Note).ToArray(),
            Sources = reminders.Select(r => r.Source).ToArray(),
        }, cancellationToken: ct));
    }

    public Task<IReadOnlyList<Reminder>> ListDueWithoutCardAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken ct) =>
        ListAsync(DueWithoutCardSql, new { Since = since.ToUniversalTime(), Until = until.ToUniversalTime() }, ct);

    public async Task MarkCardSentAsync(IReadOnlyList<Reminder> reminders, CancellationToken ct)
    {
        if (reminders.Count == 0)
            return;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(CardSentSql, new
        {
            Ids = reminders.Select(r => r.Id).ToArray(),
            DueAts = reminders.Select(r => r.DueAt.UtcDateTime).ToArray(),
        }, cancellationToken: ct));
    }

    public Task<IReadOnlyList<Reminder>> ListOverdueNotEscalatedAsync(DateTimeOffset dueBefore, CancellationToken ct) =>
        ListAsync(OverdueNotEscalatedSql, new { DueBefore = dueBefore.ToUniversalTime() }, ct);

    public async Task MarkEscalatedAsync(IReadOnlyList<long> ids, DateTimeOffset at, CancellationToken ct)
    {
        if (ids.Count == 0)
            return;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(EscalatedSql, new { Ids = ids.ToArray(), At = at.ToUniversalTime() }, cancellationToken: ct));
    }

    public async Task<Reminder?> TakeOverAsync(long id, long repId, DateTimeOffset dueAt, string source, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<ReminderRow>(new CommandDefinition(TakeOverSql,
            new { Id = id, RepId = repId, DueAt = dueAt.ToUniversalTime(), Source = source }, cancellationToken: ct));
        return row?.ToReminder();
    }

    public async Task RestoreAsync(long id, DateTimeOffset dueAt, string source, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(RestoreSql, new { Id = id, DueAt = dueAt.ToUniversalTime(), Source = source }, cancellationToken: ct));
    }

    public async Task DeleteAsync(long id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { Id = id }, cancellationToken: ct));
    }

    private async Task<IReadOnlyList<Reminder>> ListAsync(string sql, object args, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<ReminderRow>(new CommandDefinition(sql, args, cancellationToken: ct));
        return [.. rows.Select(r => r.ToReminder())];
    }
}
