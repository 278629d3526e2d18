using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Conversations.Common;
using Bot.Conversations.Customers;
using Bot.Conversations.Understanding;

namespace Bot.Host.Cli;

/// <summary>
/// `export customer NAME` as a person reads it: Chinese labels, people's names instead of ids, Beijing time, amounts in
/// yuan. Everything the JSON export holds is here; `--json` still gives the JSON for machines.
/// </summary>
public static class CustomerExportText
{
    // Chinese stays Chinese in the few places raw JSON is shown (an audit entry's detail, a message of unknown shape).
    private static readonly System.Text.Json.JsonSerializerOptions Plain = new(Bot.Host.WeCom.WeComJson.Options) { WriteIndented = false };

    public static string Render(JsonNode export)
    {
        var users = export["users"]?.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value?.GetValue<string>() ?? "") ?? [];
        string Person(JsonNode? id) => id is null ? "系统" : users.GetValueOrDefault(id.ToString(), $"成员#{id}");
        var customer = export["customer"]!;
        var contacts = export["contacts"]!.AsArray();
        var contactNames = contacts.ToDictionary(c => c!["id"]!.ToString(), c => Text(c!["name"]) ?? "");
        var text = new StringBuilder();

        var aliases = customer["aliases"]?.AsArray().Select(Text).OfType<string>().ToList() ?? [];
        text.AppendLine($"客户：{Text(customer["legal_name"])}" + Join("（", "；", "）",
            Text(customer["short_name"]) is { } shortName ? $"简称 {shortName}" : null, aliases.Count > 0 ? "又称 " + string.Join("、", aliases) : null));
        text.AppendLine(Join("", " · ", "",
            $"负责人 {Text(export["owner"]) ?? "—"}", Labelled("行业", customer["industry"]), Labelled("规模", customer["size"]), Labelled("地区", customer["region"]),
            $"阶段 {Stage(customer["stage"])}（{Day(customer["stage_changed_at"])} 起）",
            Text(customer["tier"]) is { } tier ? $"分级 {tier}" : "未分级", $"建档 {Time(customer["created_at"])}"));
        text.AppendLine(Text(customer["care_opted_out_at"]) is null ? "客户关怀：可以发送" : $"客户关怀：{Time(customer["care_opted_out_at"])} 起不再发送");

        Section(text, $"联系人（{contacts.Count} 位）", contacts, c => Join("", " · ", "",
            Text(c["name"]), Text(c["title"]), Labelled("电话", c["phone"]), Birthday(c),
            Text(c["wecom_external_userid"]) is null ? "未加企业微信" : Text(c["wecom_removed_at"]) is null ? "已加企业微信" : $"企业微信 {Day(c["wecom_removed_at"])} 已删除",
            Text(c["care_opted_out_at"]) is not null ? $"关怀 {Day(c["care_opted_out_at"])} 退订"
                : Text(c["care_consent_at"]) is not null ? $"关怀 {Day(c["care_consent_at"])} 同意" : "关怀 未同意",
            Text(c["deleted_at"]) is not null ? $"{Day(c["deleted_at"])} 删除" : null));

        var interactions = export["interactions"]!.AsArray();
        Section(text, $"沟通记录（{interactions.Count} 条）", interactions, i =>
        {
            var objections = i["objections"]?.AsArray().Select(o => Objections.FromCode(Text(o)!).ChineseName()).ToList() ?? [];
            var line = $"{Time(i["occurred_at"])} {InteractionChannels.FromCode(Text(i["channel"])!).ChineseName()} · {Person(i["rep_id"])}"
                + (i["contact_id"] is { } contact ? $" · 联系人 {contactNames.GetValueOrDefault(contact.ToString(), "—")}" : "")
                + $"：{Text(i["summary"])}"
                + (objections.Count > 0 ? $"（异议：{string.Join("、", objections)}）" : "")
                + (i["amount"] is { } amount ? $" 金额 {Money(amount)}" : "");
            return Text(i["source_message"]) is { } source && source != Text(i["summary"]) ? $"{line}\n    原话：{source}" : line;
        });

        var orders = export["orders"]!.AsArray();
        Section(text, $"订单（{orders.Count} 笔，合计 {Money(orders.Sum(o => o!["amount"]!.GetValue<decimal>()))}）", orders,
            o => $"{Text(o["ordered_on"])} {Money(o["amount"]!)}");

        Section(text, "商机", export["deals"]!.AsArray(), d =>
            $"{(Text(d["title"]) is { Length: > 0 } title ? title : "商机")} · {Stage(d["stage"])} · {(d["amount"] is { } amount ? Money(amount) : "金额未定")}"
            + (Text(d["expected_close"]) is { } close ? $" · 预计 {close} 签" : "")
            + (Text(d["closed_at"]) is not null ? $" · {Day(d["closed_at"])} 结束" : "")
            + (d["owner_id"] is { } owner ? $" · {Person(owner)}" : ""));

        var reminders = export["reminders"]!.AsArray();
        Section(text, $"跟进提醒（{reminders.Count} 条）", reminders, r =>
            $"{Time(r["due_at"])} {ReminderStatus(Text(r["status"]))} · {Person(r["rep_id"])}：{Text(r["note"])}");

        Section(text, "阶段变化", export["stage_history"]!.AsArray(), h =>
            $"{Time(h["changed_at"])} {(Text(h["from_stage"]) is null ? "建档" : Stage(h["from_stage"]))} → {Stage(h["to_stage"])}"
            + (h["changed_by"] is { } by ? $" · {Person(by)}" : ""));
        Section(text, "分级变化", export["tier_history"]!.AsArray(), h =>
            $"{Time(h["changed_at"])} {Text(h["from_tier"]) ?? "未分级"} → {Text(h["to_tier"])}：{Text(h["reason"])}");
        // Every stored message forget would touch, so the customer sees what erasing them changes.
        Section(text, "机器人收到的相关消息（删除时一并抹去）", export["messages"]!.AsArray(), m =>
            $"{Time(m["received_at"])} 来自 {Text(m["from_user"])}：{MessageText(m["payload"])}");
        Section(text, "机器人发出的相关消息（删除时一并抹去）", export["outbox"]!.AsArray(), m =>
            $"{Time(m["created_at"])} 发给 {Text(m["recipient"])}（{OutboxStatus(Text(m["status"]))}）：{OutboxText(m["payload"])}");
        Section(text, "审计日志", export["audit_log"]!.AsArray(), a =>
            $"{Time(a["at"])} {Person(a["actor_id"])} {Text(a["action"])} {Text(a["entity"])}#{a["entity_id"]} {a["detail"]?.ToJsonString(Plain)}");
        return text.ToString();
    }

    private static void Section(StringBuilder text, string title, JsonArray rows, Func<JsonNode, string> line)
    {
        text.AppendLine().AppendLine(title);
        if (rows.Count == 0)
            text.AppendLine("  （无）");
        foreach (var row in rows)
            text.AppendLine("  " + line(row!));
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    private static string? Labelled(string label, JsonNode? node) => Text(node) is { } value ? $"{label} {value}" : null;

    private static string Join(string open, string separator, string close, params string?[] parts)
    {
        var present = parts.OfType<string>().ToList();
        return present.Count == 0 ? "" : open + string.Join(separator, present) + close;
    }

    private static DateTimeOffset? Instant(JsonNode? node) =>
        Text(node) is { } iso ? DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture) : null;

    private static string Time(JsonNode? node) =>
        Instant(node) is { } at ? ChinaTime.ToChina(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    private static string Day(JsonNode? node) =>
        Instant(node) is { } at ? ChinaTime.DateOf(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "—";

    private static string Money(JsonNode amount) => Money(amount.GetValue<decimal>());

    private static string Money(decimal amount) => "¥" + amount.ToString("#,0.##", CultureInfo.InvariantCulture);

    private static string Stage(JsonNode? code) => Text(code) is { } stage ? FunnelStages.FromCode(stage).ChineseName() : "—";

    private static string ReminderStatus(string? status) => status switch
    {
        "done" => "已完成",
        "cancelled" => "已取消",
        _ => "未完成",
    };

    private static string OutboxStatus(string? status) => status switch
    {
        "sent" => "已发送",
        "parked" => "未能发出",
        _ => "待发送",
    };

    private static string? Birthday(JsonNode contact) =>
        contact["birth_month"] is { } month && contact["birth_day"] is { } day
            ? $"生日 {(contact["birthday_lunar"]?.GetValue<bool>() == true ? "农历" : "")}{month}月{day}日" + (contact["birth_year"] is { } year ? $"（{year}年）" : "")
            : null;

    /// <summary>The text a member typed, from an app callback's fields or an AI bot message; the raw fields otherwise.</summary>
    private static string MessageText(JsonNode? payload) =>
        Text(At(payload, "Content")) ?? Text(At(payload, "Recognition")) ?? Text(At(payload, "text", "content")) ?? Text(At(payload, "voice", "content"))
        ?? payload?.ToJsonString(Plain) ?? "";

    /// <summary>The text a reply or notice says, whether a text, a markdown or a card; the raw payload otherwise.</summary>
    private static string OutboxText(JsonNode? payload) =>
        Text(At(payload, "text", "content")) ?? Text(At(payload, "markdown", "content")) ?? Text(At(payload, "template_card", "sub_title_text"))
        ?? payload?.ToJsonString(Plain) ?? "";

    /// <summary>The node at <paramref name="path"/>, or null where a step is missing or not an object (payloads of any shape).</summary>
    private static JsonNode? At(JsonNode? node, params string[] path)
    {
        foreach (var step in path)
            node = node is JsonObject o ? o[step] : null;
        return node;
    }
}
