using Bot.Conversations.Customers;
using Bot.Conversations.Team;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bot.Tests.Data.Privacy;

/// <summary>
/// One customer with every kind of personal data the bot keeps — contacts with phones, birthdays and a WeCom id,
/// interactions with their source messages, a message from WeCom, a sent care message, reminders, orders and
/// stage history — under names that appear nowhere else, so a leftover is found by searching for them.
/// </summary>
public sealed class ErasureBook
{
    public const string LegalName = "遗忘测试科技有限公司";
    public const string ShortName = "遗忘测试";
    public const string ExternalUserId = "wmForgetOuyang0001";

    /// <summary>Every personal value given to the customer: none of them may survive an erasure anywhere.</summary>
    public static readonly string[] PersonalValues =
    [
        LegalName, ShortName, "欧阳遗忘", "司马记得", "13912345678", "13800001111", ExternalUserId,
        "欧阳遗忘说预算要等明年审批", "司马记得嫌报价贵", "和遗忘测试的欧阳遗忘开了会", "给欧阳遗忘回电话确认报价", "拜访司马记得谈续约",
    ];

    public required long CustomerId { get; init; }

    public required long RepId { get; init; }

    public static async Task<ErasureBook> CreateAsync(IServiceProvider services, string connectionString, DateTimeOffset now)
    {
        var ct = CancellationToken.None;
        var rep = (await services.GetRequiredService<IUserDirectory>().FindByWeComIdAsync("lina", ct))!;
        var customers = services.GetRequiredService<ICustomerRepository>();
        var customer = await customers.AddAsync(new NewCustomer(LegalName, ShortName, ["遗忘科技"], "制造业", "中型", "上海", rep.Id, FunnelStage.Lead), rep.Id, ct);
        var ouyang = await customers.AddContactAsync(new NewContact(customer.Id, "欧阳遗忘", "总经理", "13912345678", ExternalUserId, new Birthday(8, 15, 1980, true), "decision_maker"), ct);
        await customers.AddContactAsync(new NewContact(customer.Id, "司马记得", "采购经理", "13800001111", null, new Birthday(3, 2, null, false), "influencer"), ct);
        await customers.ChangeStageAsync(customer.Id, FunnelStage.Qualified, rep.Id, now.AddMinutes(1), ct);
        await customers.ChangeStageAsync(customer.Id, FunnelStage.Negotiation, rep.Id, now.AddMinutes(2), ct);

        await using var connection = new NpgsqlConnection(connectionString);
        var inboundId = await connection.ExecuteScalarAsync<long>("""
            insert into inbound_messages (channel, message_key, from_user, msg_type, payload, status)
            values ('app', 'forget-test-1', 'lina', 'text', jsonb_build_object('Content', '和遗忘测试的欧阳遗忘开了会'), 'done') returning id
            """);
        await connection.ExecuteAsync("""
            insert into inbound_messages (channel, message_key, from_user, msg_type, payload, status)
            values ('app', 'forget-test-2', 'sys', 'event', jsonb_build_object('ExternalUserID', @Id, 'ChangeType', 'add_external_contact'), 'done')
            """, new { Id = ExternalUserId });
        await connection.ExecuteAsync("""
            insert into outbox (idempotency_key, channel, recipient, kind, payload, status, sent_at)
            values ('forget-test-care', 'app', @Id, 'care', jsonb_build_object('text', '欧阳遗忘总，中秋快乐'), 'sent', now())
            """, new { Id = ExternalUserId });

        var interactions = services.GetRequiredService<IInteractionRepository>();
        await interactions.AddAsync(new NewInteraction(customer.Id, ouyang.Id, rep.Id, InteractionChannel.Phone, now.AddDays(-10),
            "欧阳遗忘说预算要等明年审批", ["budget"], null, "欧阳遗忘说预算要等明年审批"), ct);
        await interactions.AddAsync(new NewInteraction(customer.Id, null, rep.Id, InteractionChannel.Visit, now.AddDays(-4),
            "司马记得嫌报价贵", ["price"], 150000m, "司马记得嫌报价贵"), ct);
        await interactions.AddAsync(new NewInteraction(customer.Id, ouyang.Id, rep.Id, InteractionChannel.Meeting, now.AddDays(-2),
            "和遗忘测试的欧阳遗忘开了会", [], null, "和遗忘测试的欧阳遗忘开了会", inboundId), ct);

        var reminders = services.GetRequiredService<IReminderRepository>();
        var done = await reminders.AddAsync(rep.Id, customer.Id, now.AddDays(-3), "给欧阳遗忘回电话确认报价", "manual", ct);
        await reminders.CompleteAsync(done.Id, rep.Id, now.AddDays(-3), ct);
        await reminders.AddAsync(rep.Id, customer.Id, now.AddDays(5), "拜访司马记得谈续约", "manual", ct);

        var orders = services.GetRequiredService<IOrderRepository>();
        await orders.AddAsync(customer.Id, DateOnly.FromDateTime(now.AddDays(-30).UtcDateTime), 80000m, ct);
        await orders.AddAsync(customer.Id, DateOnly.FromDateTime(now.AddDays(-1).UtcDateTime), 45000m, ct);
        return new ErasureBook { CustomerId = customer.Id, RepId = rep.Id };
    }

    /// <summary>Rows of any table whose text, array or JSON columns contain <paramref name="value"/>, as "table.column".</summary>
    public static async Task<IReadOnlyList<string>> WhereFoundAsync(string connectionString, string value)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var columns = await connection.QueryAsync<(string Table, string Column)>("""
            select c.table_name, c.column_name from information_schema.columns c
            join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
            where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
              and c.data_type in ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY')
            """);
        var found = new List<string>();
        foreach (var (table, column) in columns)
        {
            if (await connection.ExecuteScalarAsync<long>($"select count(*) from \"{table}\" where strpos(\"{column}\"::text, @Value) > 0", new { Value = value }) > 0)
                found.Add($"{table}.{column}");
        }
        return found;
    }
}
