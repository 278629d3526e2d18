using Bot.Conversations.Common;
using Bot.Conversations.Customers;
using Bot.Conversations.Operations;
using Bot.Conversations.Team;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Bot.Data.Demo;

/// <summary>Writes the <see cref="DemoCompany"/> into an empty database, in one transaction.</summary>
public sealed class DemoCompanySeeder(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<DemoCompanySeeder> logger) : IDemoCompany
{
    // Npgsql accepts only UTC for timestamptz, hence ToUniversalTime on every instant below.
    // Taken inside the transaction so two hosts starting on an empty database seed it once.
    private const string LockSql = "select pg_advisory_xact_lock(7301)";

    private const string HasCustomersSql = "select exists (select 1 from customers)";

    private const string InsertUserSql = """
        insert into users (wecom_userid, name, role, manager_id)
        values (@UserId, @Name, @Role, (select id from users where wecom_userid = @ManagerUserId))
        on conflict (wecom_userid) do nothing
        """;

    private const string InsertCustomerSql = """
        insert into customers (legal_name, short_name, aliases, industry, size, region, owner_id, stage, stage_changed_at)
        values (@LegalName, @ShortName, @Aliases, @Industry, @Size, @Region,
                (select id from users where wecom_userid = @OwnerUserId), @Stage, @StageSince)
        returning id
        """;

    private const string InsertStageSql = """
        insert into stage_history (customer_id, from_stage, to_stage, changed_at) values (@CustomerId, null, @Stage, @At)
        """;

    private const string InsertContactSql = """
        insert into contacts (customer_id, name, title, phone, birth_month, birth_day, birth_year, birthday_lunar, decision_role)
        values (@CustomerId, @Name, @Title, @Phone, @Month, @Day, @Year, @Lunar, @DecisionRole)
        """;

    private const string InsertOrderSql = "insert into orders (customer_id, ordered_on, amount) values (@CustomerId, @On, @Amount)";

    private const string InsertInteractionSql = """
        insert into interactions (customer_id, contact_id, rep_id, channel, occurred_at, summary, objections)
        values (@CustomerId, (select id from contacts where customer_id = @CustomerId and name = @ContactName limit 1),
                (select id from users where wecom_userid = @RepUserId), @Channel, @At, @Summary, @Objections)
        """;

    private const string InsertReminderSql = """
        insert into reminders (rep_id, customer_id, due_at, note, source)
        values ((select id from users where wecom_userid = @RepUserId), @CustomerId, @DueAt, @Note, 'manual')
        """;

    private const string InsertDealSql = """
        insert into deals (customer_id, owner_id, title, amount, expected_close, stage, closed_at)
        values (@CustomerId, (select owner_id from customers where id = @CustomerId), @Title, @Amount, @ExpectedClose, @Stage, @ClosedAt)
        """;

    private const string InsertTargetSql = """
        insert into sales_targets (user_id, scope, period_kind, period_start, amount)
        values ((select id from users where wecom_userid = @UserId), @Scope, @Kind, @Start, @Amount)
        """;

    /// <summary>Seeds only when there is no customer yet; returns whether it did.</summary>
    public async Task<bool> SeedIfEmptyAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(LockSql, transaction: tx, cancellationToken: ct));
        if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(HasCustomersSql, transaction: tx, cancellationToken: ct)))
            return false;

        var today = ChinaTime.Today(clock);
        var company = DemoCompany.Generate(today);
        foreach (var user in company.Users)
            await Run(InsertUserSql, new { user.UserId, user.Name, Role = user.Role.Code(), user.ManagerUserId });

        var ids = new List<long>();
        foreach (var c in company.Customers)
        {
            var stageSince = ChinaTime.At(c.StageSince, new TimeOnly(10, 0)).ToUniversalTime();
            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(InsertCustomerSql, new
            {
                c.LegalName, c.ShortName, Aliases = new[] { c.Alias }, c.Industry, c.Size, c.Region, c.OwnerUserId,
                Stage = c.Stage.Code(), StageSince = stageSince,
            }, tx, cancellationToken: ct));
            ids.Add(id);
            await Run(InsertStageSql, new { CustomerId = id, Stage = c.Stage.Code(), At = stageSince });
            foreach (var p in c.Contacts)
            {
                await Run(InsertContactSql, new
                {
                    CustomerId = id, p.Name, p.Title, p.Phone, Month = (short)p.Birthday.Month, Day = (short)p.Birthday.Day,
                    Year = (short?)p.Birthday.Year, p.Birthday.Lunar, p.DecisionRole,
                });
            }
            foreach (var o in c.Orders)
                await Run(InsertOrderSql, new { CustomerId = id, o.On, o.Amount });
            foreach (var t in c.Interactions)
            {
                await Run(InsertInteractionSql, new
                {
                    CustomerId = id, t.ContactName, RepUserId = c.OwnerUserId, Channel = t.Channel.Code(), At = t.At.ToUniversalTime(), t.Summary,
                    Objections = t.Objections.ToArray(),
                });
            }
            foreach (var r in c.Reminders)
                await Run(InsertReminderSql, new { RepUserId = c.OwnerUserId, CustomerId = id, DueAt = r.DueAt.ToUniversalTime(), r.Note });
        }
        foreach (var d in company.Deals)
        {
            await Run(InsertDealSql, new
            {
                CustomerId = ids[d.Customer], d.Title, d.Amount, d.ExpectedClose, Stage = d.Stage.Code(),
                ClosedAt = d.ClosedOn is { } on ? ChinaTime.At(on, new TimeOnly(15, 0)).ToUniversalTime() : (DateTimeOffset?)null,
            });
        }
        foreach (var t in company.Targets)
            await Run(InsertTargetSql, new { t.UserId, Scope = t.Team ? "team" : "personal", Kind = t.Quarter ? "quarter" : "month", t.Start, t.Amount });
        await tx.CommitAsync(ct);
        logger.LogInformation("Loaded the demo company: {Users} users, {Customers} customers", company.Users.Count, company.Customers.Count);
        return true;

        Task<int> Run(string sql, object args) => connection.ExecuteAsync(new CommandDefinition(sql, args, tx, cancellationToken: ct));
    }
}
