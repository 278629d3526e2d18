using System.Text.Json.Nodes;
using Bot.Conversations.Understanding;
using Microsoft.SemanticKernel;

namespace Bot.Conversations.Assistant;

/// <summary>
/// The intents and slots the rules know, as Semantic Kernel functions the model chooses from. The function name is
/// the intent's code (log_interaction …), the same vocabulary as `scripts/bot parse`; each parameter carries the
/// JSON schema of its slot. Calling one is the model's decision: <see cref="ReadingGate"/> checks it before it runs.
/// </summary>
public static class IntentFunctions
{
    public const string Plugin = "sales";

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
        ["period"] = Choice("统计周期", [.. Enum.GetValues<ReportPeriod>().Select(p => p.Code())]),
    };

    /// <summary>Every intent the catalogue offers to the model, with its description and the slots it reads.</summary>
    public static IReadOnlyList<KernelFunction> All { get; } =
        [.. IntentCatalogue.All.Where(s => s.OfferedToModel)
            .Select(s => Function(s.Code, s.Description, s.Slots.Where(slot => slot != Slot.Tier || s.Intent == Intent.ListCustomers).SelectMany(ToolSlots)))];

    public static Intent? IntentOf(string functionName) =>
        IntentCatalogue.FromCode(functionName) is var intent and not Intent.Unknown && IntentCatalogue.Of(intent)!.OfferedToModel ? intent : null;

    /// <summary>The model gives the follow-up as a date and a time.</summary>
    private static IEnumerable<string> ToolSlots(string slot) => slot == Slot.FollowUp ? ["follow_up_date", "follow_up_time"] : [slot];

    private static JsonObject Choice(string description, params string[] values) =>
        new() { ["type"] = "string", ["description"] = description, ["enum"] = new JsonArray([.. values.Select(v => JsonValue.Create(v))]) };

    private static KernelFunction Function(string code, string description, IEnumerable<string> slots) =>
        KernelFunctionFactory.CreateFromMethod(Accepted, new KernelFunctionFromMethodOptions
        {
            FunctionName = code,
            Description = description,
            Parameters = [.. slots.Select(slot => new KernelParameterMetadata(slot)
            {
                Description = Slots[slot]["description"]!.GetValue<string>(),
                Schema = KernelJsonSchema.Parse(Slots[slot].ToJsonString()),
            })],
            ReturnParameter = new KernelReturnParameterMetadata { Description = "确认已收到" },
        });

    /// <summary>Runs only once the gate has accepted the call; the reading it produced is already kept.</summary>
    private static string Accepted() => "已收到。";
}
