using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Conversations.Understanding;
using Microsoft.Extensions.AI;

namespace Bot.Conversations.Assistant;

/// <summary>
/// The intents and slots the rules know, as function declarations (JSON schema) the model chooses from. The
/// tool name is the intent's code (log_interaction …), the same vocabulary as `scripts/bot parse`.
/// </summary>
public static class UnderstandingTools
{
    private static readonly Dictionary<string, JsonObject> Slots = new()
    {
        ["customer"] = new() { ["type"] = "string", ["description"] = "客户全称，只能取自「你的客户」名单或 find_customers 的结果；不确定就不填" },
        ["contact"] = new() { ["type"] = "string", ["description"] = "联系人姓名，必须是该客户名单里的联系人" },
        ["channel"] = Choice("沟通方式", "phone", "visit", "wechat", "email", "meeting", "other"),
        ["objections"] = new()
        {
            ["type"] = "array",
            ["description"] = "客户提出的异议：price 嫌贵, hesitation 犹豫, competitor 比竞品, timing 时机未到, budget 预算不足, authority 需领导拍板, need 需求不明, trust 信任不足, complaint 投诉",
            ["items"] = Choice("异议", "price", "hesitation", "competitor", "timing", "budget", "authority", "need", "trust", "complaint"),
        },
        ["amount"] = new() { ["type"] = "number", ["description"] = "消息里说的金额，单位元（15万 = 150000）" },
        ["stage"] = Choice("客户阶段：lead 潜在, qualified 意向, negotiation 洽谈, won 成交, lost 流失", "lead", "qualified", "negotiation", "won", "lost"),
        ["follow_up_date"] = new() { ["type"] = "string", ["description"] = "下次跟进或提醒的日期 yyyy-MM-dd，只能是今天或以后" },
        ["follow_up_time"] = new() { ["type"] = "string", ["description"] = "下次跟进的时间 HH:mm，没说就不填" },
        ["tier"] = Choice("客户分类", "A", "B", "C"),
        ["period"] = Choice("统计周期", "this_week", "last_week", "this_month", "last_month", "this_quarter"),
    };

    public static IReadOnlyList<AIFunctionDeclaration> Intents { get; } =
    [
        Tool(Intent.LogInteraction, "记录一次和客户的沟通（电话、拜访、微信、邮件、会议），含异议、金额、阶段变化和下次跟进",
            "customer", "contact", "channel", "objections", "amount", "stage", "follow_up_date", "follow_up_time"),
        Tool(Intent.UpdateStage, "只改客户的销售阶段（如签了、黄了），没有具体沟通内容", "customer", "stage", "amount", "follow_up_date", "follow_up_time"),
        Tool(Intent.SetReminder, "设一个提醒，到时提醒用户去做某事", "customer", "follow_up_date", "follow_up_time"),
        Tool(Intent.QueryCustomer, "查看某个客户的情况、联系人、最近跟进", "customer"),
        Tool(Intent.QueryTier, "问某个客户属于哪一类（ABC、RFM、价值分层）", "customer"),
        Tool(Intent.ListCustomers, "按分类、阶段列出用户的客户", "tier", "stage"),
        Tool(Intent.ObjectionHelp, "问客户提出某种异议时该怎么回应", "objections", "customer", "contact"),
        Tool(Intent.MyTasks, "问今天或最近要跟进谁、有哪些待办", "period"),
        Tool(Intent.FunnelReport, "看销售漏斗、业绩、转化率报表", "period"),
        Tool(Intent.ChurnList, "看哪些客户有流失风险"),
        Tool(Intent.AddCustomer, "新建一个客户"),
        Tool(Intent.OptOut, "某个客户或联系人不想再收节日、生日祝福", "customer", "contact"),
        Tool(Intent.Help, "问这个助手能做什么、怎么用"),
    ];

    public static Intent? IntentOf(string toolName) =>
        Enum.GetValues<Intent>().Where(i => i != Intent.Unknown && i.Code() == toolName).Select(i => (Intent?)i).FirstOrDefault();

    private static JsonObject Choice(string description, params string[] values) =>
        new() { ["type"] = "string", ["description"] = description, ["enum"] = new JsonArray([.. values.Select(v => JsonValue.Create(v))]) };

    private static AIFunctionDeclaration Tool(Intent intent, string description, params string[] slots)
    {
        var properties = new JsonObject();
        foreach (var slot in slots)
            properties[slot] = Slots[slot].DeepClone();
        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties };
        return AIFunctionFactory.CreateDeclaration(intent.Code(), description, JsonSerializer.SerializeToElement(schema));
    }
}
