using Dapper;
using Npgsql;

namespace Bot.Tests.Data.Merging;

/// <summary>
/// Two records of one company. The duplicate has a row in every table that references customers: contacts (one
/// linked to WeCom, one named like a contact of the survivor, one named like a survivor's contact linked to another
/// WeCom contact), interactions, stage history, orders with import keys, open and done reminders, tier history, a care
/// greeting, open and won deals, a churn finding, and a customer merged into it before.
/// </summary>
public sealed record MergeBook(long SurvivorId, long MergedId, long EarlierMergedId, long SurvivorOwner, long MergedOwner)
{
    public const string SurvivorName = "合并保留科技有限公司";
    public const string MergedName = "合并重复科技有限公司";
    public const string MergedShortName = "重复科技";
    public const string LinkedExternalId = "wmMergeLinked01";
    public const string SameNameExternalId = "wmMergeSameName01";

    /// <param name="mergedOwner">The duplicate's owner: the survivor's own, or another rep's.</param>
    public static async Task<MergeBook> CreateAsync(string connectionString, long survivorOwner, long mergedOwner)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var ids = await connection.QuerySingleAsync<(long Survivor, long Merged, long Earlier)>("""
            insert into customers (legal_name, short_name, aliases, industry, owner_id, stage, stage_changed_at, created_at)
            values (@SurvivorName, '合并保留', '{保留科技}', null, @SurvivorOwner, 'lead', '2026-10-01 10:00+08', '2026-01-05 10:00+08');
            insert into customers (legal_name, short_name, aliases, industry, region, owner_id, stage, stage_changed_at, strategic, created_at)
            values (@MergedName, @MergedShortName, '{重复}', '制造', '上海', @MergedOwner, 'negotiation', '2026-11-02 10:00+08', true, '2026-03-05 10:00+08');
            insert into customers (legal_name, owner_id, stage, deleted_at, merged_into)
            values ('合并更早科技有限公司', @MergedOwner, 'lead', '2026-06-01 10:00+08', (select id from customers where legal_name = @MergedName));
            select (select id from customers where legal_name = @SurvivorName), (select id from customers where legal_name = @MergedName),
                   (select id from customers where legal_name = '合并更早科技有限公司')
            """, new { SurvivorName, MergedName, MergedShortName, SurvivorOwner = survivorOwner, MergedOwner = mergedOwner });
        await connection.ExecuteAsync("""
            insert into contacts (customer_id, name, title) values (@S, '欧阳同名', '总经理');
            insert into contacts (customer_id, name, wecom_external_userid, wecom_follow_user) values (@S, '上官两人', 'wmMergeTwoA', 'lina');
            insert into contacts (customer_id, name, phone, wecom_external_userid, wecom_follow_user, birth_month, birth_day,
                                  care_consent_at, care_consent_source, care_opted_out_at, care_opt_out_source)
            values (@M, '欧阳同名', '13900002222', @SameNameExternalId, 'lina', 5, 20, '2026-02-01 10:00+08', 'wecom', '2026-09-01 10:00+08', 'chat');
            insert into contacts (customer_id, name, phone, wecom_external_userid, wecom_follow_user, care_consent_at, care_consent_source)
            values (@M, '司马独有', '13900003333', @LinkedExternalId, 'lina', '2026-02-01 10:00+08', 'wecom');
            insert into contacts (customer_id, name, wecom_external_userid, wecom_follow_user) values (@M, '上官两人', 'wmMergeTwoB', 'lina');

            insert into interactions (customer_id, contact_id, rep_id, channel, occurred_at, summary) values
                (@S, null, @SO, 'phone', '2026-11-01 10:00+08', '保留这边的电话'),
                (@M, (select id from contacts where customer_id = @M and name = '欧阳同名'), @MO, 'visit', '2026-11-10 10:00+08', '重复这边的拜访'),
                (@M, null, @MO, 'wechat', '2026-11-20 10:00+08', '重复这边的微信');
            insert into stage_history (customer_id, from_stage, to_stage, changed_at) values
                (@S, null, 'lead', '2026-10-01 10:00+08'), (@M, 'qualified', 'negotiation', '2026-11-02 10:00+08');
            insert into orders (customer_id, ordered_on, amount, import_key) values
                (@S, '2026-09-01', 10000, 'MERGE-S-1'), (@M, '2026-11-05', 20000, 'MERGE-M-1');
            insert into reminders (rep_id, customer_id, due_at, note, status) values
                (@MO, @M, '2026-11-30 10:00+08', '回访重复这边', 'open'), (@MO, @M, '2026-11-01 10:00+08', '早就做完的', 'done');
            insert into tier_history (customer_id, from_tier, to_tier, reason) values (@M, null, 'B', '重复这边的分级');
            insert into care_tasks (idempotency_key, contact_id, customer_id, rep_id, occasion, occasion_on) values
                ('care:birthday:merge-test', (select id from contacts where customer_id = @M and name = '欧阳同名'), @M, @MO, 'birthday', '2026-05-20');
            insert into deals (customer_id, owner_id, title, amount, stage, closed_at, import_key) values
                (@M, @MO, '二期', 80000, 'negotiation', null, 'MERGE-DEAL-OPEN'), (@M, @MO, '一期', 50000, 'won', '2026-10-10 10:00+08', 'MERGE-DEAL-WON');
            insert into churn_findings (customer_id, owner_id, name, stage, complaints_last30_days, strongest, finding_count)
            values (@M, @MO, @MergedName, 'negotiation', 0, 3, 1);
            with r as (insert into reassignments (to_user_id, source, at, reminders, deals) values (@MO, 'cli', '2026-10-01 10:00+08', 0, 0) returning id),
            rc as (insert into reassigned_customers (reassignment_id, customer_id, from_user_id) select id, @M, @SO from r)
            insert into contact_transfers (reassignment_id, customer_id, contact_id, external_userid, handover_userid, takeover_userid, state)
            select id, @M, (select id from contacts where customer_id = @M and name = '司马独有'), @LinkedExternalId, 'zhangwei', 'lina', 'taken_over' from r;
            insert into care_greeting_changes (idempotency_key, contact_id, customer_id, occasion, occasion_on, text, changed_at)
            select 'care:birthday:' || id || ':2027', id, @M, 'birthday', '2027-05-20', null, '2026-11-20 10:00+08' from contacts where customer_id = @M and name = '司马独有'
            """, new { S = ids.Survivor, M = ids.Merged, SO = survivorOwner, MO = mergedOwner, SameNameExternalId, LinkedExternalId, MergedName });
        return new MergeBook(ids.Survivor, ids.Merged, ids.Earlier, survivorOwner, mergedOwner);
    }
}
