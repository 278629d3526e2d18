using Bot.Conversations.Care;
using Bot.Conversations.Customers;
using Dapper;
using Npgsql;

namespace Bot.Data.Care;

/// <summary>
/// The contacts care may greet: consented (see migration 0011), neither they nor their company opted out, on WeCom
/// (an external userid, not removed the rep) and owned by an active rep — the rep is the sender WeCom requires.
/// </summary>
public sealed class CareCandidates(NpgsqlDataSource dataSource) : ICareCandidates
{
    // First and latest deal per customer: an order, or a deal won (stage history, Shanghai date).
    private const string ReachableSql = """
        with deals as (
            select customer_id, min(day) as first_on, max(day) as last_on
            from (select customer_id, ordered_on as day from orders
                  union all
                  select customer_id, (changed_at at time zone 'Asia/Shanghai')::date from stage_history where to_stage = 'won') d
            group by customer_id)
        select ct.id as contact_id, c.id as customer_id, u.id as rep_id, u.wecom_userid as rep_user_id, u.name as rep_name,
               ct.wecom_external_userid as external_user_id, ct.name as contact_name, ct.title,
               coalesce(c.short_name, c.legal_name) as company,
               ct.birth_month, ct.birth_day, ct.birth_year, ct.birthday_lunar,
               d.first_on as customer_since, d.last_on as last_deal_on
        from contacts ct
        join customers c on c.id = ct.customer_id
        join users u on u.id = c.owner_id
        left join deals d on d.customer_id = c.id
        where ct.deleted_at is null and c.deleted_at is null and u.active
          and ct.care_opted_out_at is null and c.care_opted_out_at is null
          and ct.care_consent_at is not null
          and ct.wecom_external_userid is not null and ct.wecom_removed_at is null
        """;

    // Only a first cut: the planner decides whose birthday or post-sale day it is.
    private const string ForDaySql = ReachableSql + """

          and (@Everyone or ct.birthday_lunar or ct.birth_month = @Month or d.last_on = @DealDay)
        order by ct.id
        """;

    private const string OfOwnersSql = ReachableSql + """

          and (@Everyone or c.owner_id = any(@Owners)) and (@CustomerId::bigint is null or c.id = @CustomerId)
        order by ct.id
        """;

    private sealed class CandidateRow
    {
        public long ContactId { get; init; }
        public long CustomerId { get; init; }
        public long RepId { get; init; }
        public string RepUserId { get; init; } = "";
        public string RepName { get; init; } = "";
        public string ExternalUserId { get; init; } = "";
        public string ContactName { get; init; } = "";
        public string? Title { get; init; }
        public string Company { get; init; } = "";
        public short? BirthMonth { get; init; }
        public short? BirthDay { get; init; }
        public short? BirthYear { get; init; }
        public bool BirthdayLunar { get; init; }
        public DateOnly? CustomerSince { get; init; }
        public DateOnly? LastDealOn { get; init; }
    }

    /// <param name="everyone">A festival: every reachable contact; otherwise only those a birthday or a post-sale check-in may concern.</param>
    public async Task<IReadOnlyList<CareCandidate>> ForDayAsync(DateOnly day, bool everyone, int postSaleDays, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<CandidateRow>(new CommandDefinition(ForDaySql,
            new { Everyone = everyone, day.Month, DealDay = day.AddDays(-postSaleDays) }, cancellationToken: ct, commandTimeout: 300));
        return [.. rows.Select(Candidate)];
    }

    public async Task<IReadOnlyList<CareCandidate>> OfOwnersAsync(IReadOnlyCollection<long>? ownerIds, long? customerId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<CandidateRow>(new CommandDefinition(OfOwnersSql,
            new { Everyone = ownerIds is null, Owners = ownerIds?.ToArray() ?? [], CustomerId = customerId }, cancellationToken: ct, commandTimeout: 300));
        return [.. rows.Select(Candidate)];
    }

    private static CareCandidate Candidate(CandidateRow r) => new(
        r.ContactId, r.CustomerId, r.RepId, r.RepUserId, r.RepName, r.ExternalUserId, r.ContactName, r.Title, r.Company,
        r.BirthMonth is { } m && r.BirthDay is { } d ? new Birthday(m, d, r.BirthYear, r.BirthdayLunar) : null,
        r.CustomerSince, r.LastDealOn);
}
