using Bot.Conversations.Common;
using Bot.Conversations.Customers;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Bot.Data.Import;

/// <summary>
/// Imports a customer list, one row per customer or per contact:
/// name,industry,size,owner,contact,title,phone,birthday,stage[,annual_amount,last_order_date,order_count].
/// Valid rows are bulk-copied into temporary tables and merged in one transaction: all of them land, or none.
/// </summary>
public sealed class CustomerImporter(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private static readonly CsvColumn[] Columns =
    [
        new("name", true, "客户名称", "客户", "公司名称", "企业名称", "客户全称", "customer"),
        new("short_name", false, "简称", "客户简称"),
        new("industry", false, "行业", "所属行业"),
        new("size", false, "规模", "企业规模", "公司规模"),
        new("region", false, "地区", "区域", "城市"),
        new("owner", false, "负责人", "归属销售", "跟进人", "销售"),
        new("contact", false, "联系人", "联系人姓名"),
        new("title", false, "职位", "职务"),
        new("phone", false, "电话", "手机", "联系电话", "手机号"),
        new("birthday", false, "生日"),
        new("stage", false, "阶段", "销售阶段", "客户阶段"),
        new("annual_amount", false, "年合作金额", "年度金额", "年采购额"),
        new("last_order_date", false, "最近下单日期", "最近下单", "最后下单日期"),
        new("order_count", false, "下单次数", "订单数"),
    ];

    private const string CreateStagingSql = """
        create temp table import_customers (
            legal_name text, short_name text, industry text, size text, region text, owner_id bigint, stage text,
            annual_amount numeric(14, 2), last_order_on date, order_count integer
        ) on commit drop;
        create temp table import_contacts (
            legal_name text, name text, title text, phone text,
            birth_month smallint, birth_day smallint, birth_year smallint, birthday_lunar boolean
        ) on commit drop;
        """;

    private const string AnalyzeStagingSql = "analyze import_customers; analyze import_contacts";

    // A legal name that was merged into another customer names the survivor: re-importing an old list updates the
    // survivor instead of bringing the duplicate back. A line for the survivor itself wins over its duplicate's.
    private const string FollowMergesSql = """
        create temp table import_merged on commit drop as
            select m.legal_name as merged_name, s.legal_name as survivor_name
            from customers m join customers s on s.id = m.merged_into and s.deleted_at is null
            where m.legal_name in (select legal_name from import_customers union select legal_name from import_contacts)
              and not exists (select 1 from customers c where c.legal_name = m.legal_name and c.deleted_at is null);
        delete from import_customers i using import_merged x
            where i.legal_name = x.merged_name and exists (select 1 from import_customers j where j.legal_name = x.survivor_name);
        update import_customers i set legal_name = x.survivor_name from import_merged x where i.legal_name = x.merged_name;
        update import_contacts i set legal_name = x.survivor_name from import_merged x where i.legal_name = x.merged_name;
        delete from import_contacts i using import_contacts j where i.legal_name = j.legal_name and i.name = j.name and i.ctid > j.ctid
        """;

    // Runs before the update so that it still sees the old stage.
    private const string RecordStageChangesSql = """
        insert into stage_history (customer_id, from_stage, to_stage, changed_at)
        select c.id, c.stage, i.stage, @Now
        from import_customers i join customers c on c.legal_name = i.legal_name and c.deleted_at is null
        where i.stage is not null and i.stage <> c.stage
        """;

    // A blank cell keeps what is stored; only rows that really change are touched and counted.
    private const string UpdateCustomersSql = """
        update customers c set
            short_name = coalesce(i.short_name, c.short_name),
            industry = coalesce(i.industry, c.industry),
            size = coalesce(i.size, c.size),
            region = coalesce(i.region, c.region),
            owner_id = coalesce(i.owner_id, c.owner_id),
            stage = coalesce(i.stage, c.stage),
            stage_changed_at = case when i.stage is not null and i.stage <> c.stage then @Now else c.stage_changed_at end,
            baseline_annual_amount = coalesce(i.annual_amount, c.baseline_annual_amount),
            baseline_last_order_on = coalesce(i.last_order_on, c.baseline_last_order_on),
            baseline_order_count = coalesce(i.order_count, c.baseline_order_count),
            updated_at = @Now
        from import_customers i
        where c.legal_name = i.legal_name and c.deleted_at is null
          and (coalesce(i.short_name, c.short_name), coalesce(i.industry, c.industry), coalesce(i.size, c.size),
               coalesce(i.region, c.region), coalesce(i.owner_id, c.owner_id), coalesce(i.stage, c.stage),
               coalesce(i.annual_amount, c.baseline_annual_amount), coalesce(i.last_order_on, c.baseline_last_order_on),
               coalesce(i.order_count, c.baseline_order_count))
              is distinct from
              (c.short_name, c.industry, c.size, c.region, c.owner_id, c.stage,
               c.baseline_annual_amount, c.baseline_last_order_on, c.baseline_order_count)
        """;

    private const string InsertCustomersSql = """
        with inserted as (
            insert into customers (legal_name, short_name, industry, size, region, owner_id, stage, stage_changed_at,
                                   baseline_annual_amount, baseline_last_order_on, baseline_order_count, created_at, updated_at)
            select i.legal_name, i.short_name, i.industry, i.size, i.region, i.owner_id, coalesce(i.stage, 'lead'), @Now,
                   i.annual_amount, i.last_order_on, i.order_count, @Now, @Now
            from import_customers i
            where not exists (select 1 from customers c where c.legal_name = i.legal_name and c.deleted_at is null)
            returning id, stage
        )
        insert into stage_history (customer_id, from_stage, to_stage, changed_at)
        select id, null, stage, @Now from inserted
        """;

    private const string UpdateContactsSql = """
        update contacts t set
            title = coalesce(i.title, t.title),
            phone = coalesce(i.phone, t.phone),
            birth_month = coalesce(i.birth_month, t.birth_month),
            birth_day = coalesce(i.birth_day, t.birth_day),
            birth_year = case when i.birth_month is null then t.birth_year else i.birth_year end,
            birthday_lunar = case when i.birth_month is null then t.birthday_lunar else i.birthday_lunar end,
            updated_at = @Now
        from import_contacts i join customers c on c.legal_name = i.legal_name and c.deleted_at is null
        where t.customer_id = c.id and t.name = i.name and t.deleted_at is null
          and (coalesce(i.title, t.title), coalesce(i.phone, t.phone), coalesce(i.birth_month, t.birth_month),
               coalesce(i.birth_day, t.birth_day),
               case when i.birth_month is null then t.birth_year else i.birth_year end,
               case when i.birth_month is null then t.birthday_lunar else i.birthday_lunar end)
              is distinct from (t.title, t.phone, t.birth_month, t.birth_day, t.birth_year, t.birthday_lunar)
        """;

    private const string InsertContactsSql = """
        insert into contacts (customer_id, name, title, phone, birth_month, birth_day, birth_year, birthday_lunar, created_at, updated_at)
        select c.id, i.name, i.title, i.phone, i.birth_month, i.birth_day, i.birth_year, coalesce(i.birthday_lunar, false), @Now, @Now
        from import_contacts i join customers c on c.legal_name = i.legal_name and c.deleted_at is null
        where not exists (select 1 from contacts t where t.customer_id = c.id and t.name = i.name and t.deleted_at is null)
        """;

    // The company vouches for the customers it imports: an existing business relationship is the consent to care
    // messages (migration 0011). A contact who opted out stays opted out; consent does not undo that.
    private const string ConsentContactsSql = """
        update contacts t set care_consent_at = @Now, care_consent_source = 'import'
        from import_contacts i join customers c on c.legal_name = i.legal_name and c.deleted_at is null
        where t.customer_id = c.id and t.name = i.name and t.deleted_at is null and t.care_consent_at is null
        """;

    private sealed record CustomerLine(
        int Line, string LegalName, string? ShortName, string? Industry, string? Size, string? Region, long? OwnerId,
        FunnelStage? Stage, decimal? AnnualAmount, DateOnly? LastOrderOn, int? OrderCount, ContactLine? Contact);

    private sealed record ContactLine(string Name, string? Title, string? Phone, Birthday? Birthday);

    public async Task<ImportReport> ImportAsync(byte[] file, CancellationToken ct)
    {
        var report = new ImportReport("客户");
        var rows = CsvTable.Read(file, Columns, report);
        var now = clock.GetUtcNow();

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var users = await UserLookup.LoadAsync(connection, tx, ct);
        var today = ChinaTime.Today(clock);
        var lines = new List<CustomerLine>(rows.Count);
        foreach (var row in rows)
        {
            if (TryParse(row, users, today, out var line, out var reason, out var note))
            {
                lines.Add(line);
                if (note is not null)
                    report.Note(row.Line, note);
                if (line.OwnerId is null)
                    report.Note(row.Line, "没有负责人：新客户会无人负责，只有管理员看得到（已有客户保持原负责人）；请补上负责人后再导入一次");
            }
            else
            {
                report.Reject(row.Line, reason);
            }
        }
        var (customers, contacts) = Merge(lines, report);

        await connection.ExecuteAsync(new CommandDefinition(CreateStagingSql, transaction: tx, cancellationToken: ct));
        await CopyCustomersAsync(connection, customers, ct);
        await CopyContactsAsync(connection, contacts, ct);
        await connection.ExecuteAsync(new CommandDefinition(FollowMergesSql, transaction: tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(AnalyzeStagingSql, transaction: tx, cancellationToken: ct));

        var args = new { Now = now };
        await connection.ExecuteAsync(new CommandDefinition(RecordStageChangesSql, args, tx, cancellationToken: ct, commandTimeout: 300));
        report.Updated = await connection.ExecuteAsync(new CommandDefinition(UpdateCustomersSql, args, tx, cancellationToken: ct, commandTimeout: 300));
        report.Added = await connection.ExecuteAsync(new CommandDefinition(InsertCustomersSql, args, tx, cancellationToken: ct, commandTimeout: 300));
        report.Unchanged = customers.Count - report.Added - report.Updated;
        report.ContactsUpdated = await connection.ExecuteAsync(new CommandDefinition(UpdateContactsSql, args, tx, cancellationToken: ct, commandTimeout: 300));
        report.ContactsAdded = await connection.ExecuteAsync(new CommandDefinition(InsertContactsSql, args, tx, cancellationToken: ct, commandTimeout: 300));
        await connection.ExecuteAsync(new CommandDefinition(ConsentContactsSql, args, tx, cancellationToken: ct, commandTimeout: 300));

        await ImportAudit.RecordAsync(connection, tx, "customers", report, ct);
        await tx.CommitAsync(ct);
        return report;
    }

    private static bool TryParse(CsvRow row, UserLookup users, DateOnly today, out CustomerLine line, out string reason, out string? note)
    {
        line = null!;
        reason = "";
        note = null;
        var rawName = row.Get("name");
        if (rawName is null)
        {
            reason = "缺少客户名称";
            return false;
        }
        var name = CustomerNames.Normalize(rawName);
        if (name.Length > 200)
        {
            reason = "客户名称超过 200 字";
            return false;
        }

        if (!users.TryResolveOwner(row.Get("owner"), out var ownerId, out reason))
            return false;

        FunnelStage? stage = null;
        if (row.Get("stage") is { } stageText)
        {
            if (!ImportValues.TryStage(stageText, out var parsed, out reason))
                return false;
            stage = parsed;
        }

        decimal? annual = null;
        if (row.Get("annual_amount") is { } amountText)
        {
            if (!ImportValues.TryAmount(amountText, out var amount, out reason))
                return false;
            annual = amount;
        }

        DateOnly? lastOrder = null;
        if (row.Get("last_order_date") is { } dateText)
        {
            if (!ImportValues.TryDate(dateText, out var date, out reason))
                return false;
            if (date > today)
            {
                reason = $"最近下单日期 {date:yyyy-MM-dd} 在未来";
                return false;
            }
            lastOrder = date;
        }

        int? orderCount = null;
        if (row.Get("order_count") is { } countText)
        {
            if (!ImportValues.TryCount(countText, out var count, out reason))
                return false;
            orderCount = count;
        }

        if (!TryParseContact(row, out var contact, out reason, out note))
            return false;

        line = new CustomerLine(row.Line, name, row.Get("short_name"), row.Get("industry"), row.Get("size"), row.Get("region"),
            ownerId, stage, annual, lastOrder, orderCount, contact);
        return true;
    }

    /// <summary>A birthday that cannot be read does not cost the row: it is left empty and <paramref name="note"/> says so.</summary>
    private static bool TryParseContact(CsvRow row, out ContactLine? contact, out string reason, out string? note)
    {
        contact = null;
        reason = "";
        note = null;
        var name = row.Get("contact");
        var title = row.Get("title");
        var phoneText = row.Get("phone");
        var birthdayText = row.Get("birthday");
        if (name is null)
        {
            if (phoneText is not null || birthdayText is not null)
            {
                reason = "有电话或生日，但没有联系人姓名";
                return false;
            }
            return true;
        }
        string? phone = null;
        if (phoneText is not null && !ImportValues.TryPhone(phoneText, out phone, out reason))
            return false;
        Birthday? birthday = null;
        if (birthdayText is not null && !ImportValues.TryBirthday(birthdayText, out birthday, out var unreadable))
        {
            note = unreadable;
            birthday = null;
        }
        contact = new ContactLine(name, title, phone, birthday);
        return true;
    }

    /// <summary>
    /// Rows of one customer (one per contact, typically) become one customer: the first value given for a
    /// field wins, and a row naming a different owner than an earlier row is rejected rather than guessed.
    /// </summary>
    private static (List<CustomerLine> Customers, List<(string LegalName, ContactLine Contact)> Contacts) Merge(
        List<CustomerLine> lines, ImportReport report)
    {
        var customers = new Dictionary<string, CustomerLine>();
        var contacts = new Dictionary<(string, string), ContactLine>();
        foreach (var line in lines)
        {
            if (customers.TryGetValue(line.LegalName, out var first))
            {
                if (line.OwnerId is not null && first.OwnerId is not null && line.OwnerId != first.OwnerId)
                {
                    report.Reject(line.Line, $"负责人与第 {first.Line} 行不一致");
                    continue;
                }
                customers[line.LegalName] = first with
                {
                    ShortName = first.ShortName ?? line.ShortName,
                    Industry = first.Industry ?? line.Industry,
                    Size = first.Size ?? line.Size,
                    Region = first.Region ?? line.Region,
                    OwnerId = first.OwnerId ?? line.OwnerId,
                    Stage = first.Stage ?? line.Stage,
                    AnnualAmount = first.AnnualAmount ?? line.AnnualAmount,
                    LastOrderOn = first.LastOrderOn ?? line.LastOrderOn,
                    OrderCount = first.OrderCount ?? line.OrderCount,
                };
            }
            else
            {
                customers[line.LegalName] = line;
            }
            if (line.Contact is { } contact)
            {
                var key = (line.LegalName, contact.Name);
                contacts[key] = contacts.TryGetValue(key, out var earlier)
                    ? earlier with { Title = earlier.Title ?? contact.Title, Phone = earlier.Phone ?? contact.Phone, Birthday = earlier.Birthday ?? contact.Birthday }
                    : contact;
            }
        }
        return ([.. customers.Values], [.. contacts.Select(kv => (kv.Key.Item1, kv.Value))]);
    }

    private static async Task CopyCustomersAsync(NpgsqlConnection connection, List<CustomerLine> customers, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "copy import_customers (legal_name, short_name, industry, size, region, owner_id, stage, annual_amount, last_order_on, order_count) from stdin (format binary)", ct);
        foreach (var c in customers)
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(c.LegalName, NpgsqlDbType.Text, ct);
            await WriteNullableAsync(writer, c.ShortName, NpgsqlDbType.Text, ct);
            await WriteNullableAsync(writer, c.Industry, NpgsqlDbType.Text, ct);
            await WriteNullableAsync(writer, c.Size, NpgsqlDbType.Text, ct);
            await WriteNullableAsync(writer, c.Region, NpgsqlDbType.Text, ct);
            await WriteNullableAsync(writer, c.OwnerId, NpgsqlDbType.Bigint, ct);
            await WriteNullableAsync(writer, c.Stage?.Code(), NpgsqlDbType.Text, ct);
            await WriteNullableAsync(writer, c.AnnualAmount, NpgsqlDbType.Numeric, ct);
            await WriteNullableAsync(writer, c.LastOrderOn, NpgsqlDbType.Date, ct);
            await WriteNullableAsync(writer, c.OrderCount, NpgsqlDbType.Integer, ct);
        }
        await writer.CompleteAsync(ct);
    }

    private static async Task CopyContactsAsync(NpgsqlConnection connection, List<(string LegalName, ContactLine Contact)> contacts, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "copy import_contacts (legal_name, name, title, phone, birth_month, birth_day, birth_year, birthday_lunar) from stdin (format binary)", ct);
        foreach (var (legalName, contact) in contacts)
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(legalName, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(contact.Name, NpgsqlDbType.Text, ct);
            await WriteNullableAsync(writer, contact.Title, NpgsqlDbType.Text, ct);
            await WriteNullableAsync(writer, contact.Phone, NpgsqlDbType.Text, ct);
            await WriteNullableAsync(writer, (short?)contact.Birthday?.Month, NpgsqlDbType.Smallint, ct);
            await WriteNullableAsync(writer, (short?)contact.Birthday?.Day, NpgsqlDbType.Smallint, ct);
            await WriteNullableAsync(writer, (short?)contact.Birthday?.Year, NpgsqlDbType.Smallint, ct);
            await WriteNullableAsync(writer, contact.Birthday?.Lunar, NpgsqlDbType.Boolean, ct);
        }
        await writer.CompleteAsync(ct);
    }

    internal static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken ct)
    {
        if (value is null)
            await writer.WriteNullAsync(ct);
        else
            await writer.WriteAsync(value, type, ct);
    }
}
