using System.Text.Json.Nodes;
using Bot.Conversations.Privacy;
using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

/// <summary>
/// Which stored messages erasing a customer touches, and how: found once, the same way for `export` (which lists
/// them, so the customer sees what will go) and for `forget` (which rewrites them).
/// </summary>
public sealed partial class CustomerRecords
{
    private const string ErasedJson = """{"erased": true}""";

    private const string Erased = $"'{ErasedJson}'::jsonb";

    private const string ExternalIdsSql = "select wecom_external_userid from contacts where customer_id = @Id and wecom_external_userid is not null";

    // Every record written from a message keeps the message's id: the interaction it logged, the reminder it set,
    // the deal it opened or moved.
    private const string LinkedSql = """
        select inbound_message_id from interactions where customer_id = @Id and inbound_message_id is not null
        union select inbound_message_id from reminders where customer_id = @Id and inbound_message_id is not null
        union select inbound_message_id from deals where customer_id = @Id and inbound_message_id is not null
        """;

    // A cheap first filter; CustomerMentions decides which of these really name the customer.
    private const string MayNameCustomer = "exists (select 1 from unnest(@Needles::text[]) n where strpos(m.payload::text, n) > 0)";

    // Only processed messages are rewritten; one still being processed is the worker's.
    private const string InboundCandidatesSql = $"""
        select m.id, m.payload::text as payload,
               (m.payload->>'ExternalUserID' = any(@ExternalIds) or m.payload->>'FromUserName' = any(@ExternalIds)) as addressed
        from inbound_messages m
        where m.status in ('done', 'failed') and m.payload <> {Erased}
          and (m.id = any(@Linked) or m.payload->>'ExternalUserID' = any(@ExternalIds) or m.payload->>'FromUserName' = any(@ExternalIds)
               or {MayNameCustomer})
        """;

    private const string OutboxCandidatesSql = $"""
        select m.id, m.idempotency_key as key, m.payload::text as payload from outbox m
        where m.payload <> {Erased} and m.recipient <> all(@ExternalIds)
          and (m.idempotency_key like any(@Replies) or {MayNameCustomer})
        """;

    // What went to the contacts themselves (greetings) is erased whole; what has not gone yet never will.
    private const string SentToContacts = "m.status = 'sent' and m.recipient = any(@ExternalIds)";

    private const string UndeliveredToContacts = "m.status in ('pending', 'parked') and m.recipient = any(@ExternalIds)";

    private const string ToContactsSql = $"""
        select m.id from outbox m where ({SentToContacts} and m.payload <> {Erased}) or ({UndeliveredToContacts})
        """;

    private const string RewriteInboundSql = "update inbound_messages set payload = @Payload::jsonb, last_error = null where id = @Id";

    private const string RewriteOutboxSql = "update outbox set payload = @Payload::jsonb, last_error = null where id = @Id";

    private const string SentSql = $"update outbox m set payload = {Erased}, last_error = null, recipient = 'erased' where {SentToContacts}";

    private const string UndeliveredSql = $"delete from outbox m where {UndeliveredToContacts}";

    private sealed record InboundCandidate(long Id, string Payload, bool Addressed);

    private sealed record OutboxCandidate(long Id, string Key, string Payload);

    private sealed record Rewrite(long Id, string Payload);

    /// <param name="Linked">The messages records of the customer were written from.</param>
    /// <param name="Inbound">Stored WeCom messages and what each becomes.</param>
    /// <param name="Outbox">Replies and notices naming the customer and what each becomes.</param>
    /// <param name="ToContacts">Messages sent (erased whole) or still to send (dropped) to the contacts' WeChat accounts.</param>
    private sealed record MessagePlan(long[] Linked, string[] ExternalIds, IReadOnlyList<Rewrite> Inbound, IReadOnlyList<Rewrite> Outbox, long[] ToContacts);

    private static async Task<MessagePlan> PlanMessagesAsync(
        NpgsqlConnection connection, NpgsqlTransaction? tx, long customerId, CustomerMentions mentions, CancellationToken ct)
    {
        var externalIds = (await connection.QueryAsync<string>(new CommandDefinition(ExternalIdsSql, new { Id = customerId }, tx, cancellationToken: ct))).ToArray();
        var linked = (await connection.QueryAsync<long>(new CommandDefinition(LinkedSql, new { Id = customerId }, tx, cancellationToken: ct))).ToArray();
        var args = new { Needles = mentions.Needles.ToArray(), ExternalIds = externalIds, Linked = linked, Replies = linked.Select(id => $"reply:{id}:%").ToArray() };

        var inbound = new List<Rewrite>();
        foreach (var message in await connection.QueryAsync<InboundCandidate>(new CommandDefinition(InboundCandidatesSql, args, tx, cancellationToken: ct)))
        {
            if ((message.Addressed ? ErasedJson : MaskStrings(message.Payload, mentions, linked.Contains(message.Id))) is { } rewritten)
                inbound.Add(new Rewrite(message.Id, rewritten));
        }
        var outbox = new List<Rewrite>();
        foreach (var message in await connection.QueryAsync<OutboxCandidate>(new CommandDefinition(OutboxCandidatesSql, args, tx, cancellationToken: ct)))
        {
            var reply = linked.Any(id => message.Key.StartsWith($"reply:{id}:", StringComparison.Ordinal));
            if (MaskStrings(message.Payload, mentions, reply) is { } rewritten)
                outbox.Add(new Rewrite(message.Id, rewritten));
        }
        var toContacts = (await connection.QueryAsync<long>(new CommandDefinition(ToContactsSql, args, tx, cancellationToken: ct))).ToArray();
        return new MessagePlan(linked, externalIds, inbound, outbox, toContacts);
    }

    /// <summary>The JSON with the customer's names masked in every string, or null when none names it.</summary>
    private static string? MaskStrings(string json, CustomerMentions mentions, bool linked)
    {
        var root = JsonNode.Parse(json);
        return JsonStrings.Rewrite(root, text => mentions.MaskIn(text, linked)) ? root!.ToJsonString() : null;
    }
}
