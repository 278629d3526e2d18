using System.Text.Json.Nodes;
using Bot.Conversations.Customers;
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
        ["channel"] = Choice("沟通方式", Enum.GetValues<InteractionChannel>(), c => c.Code(), c => c.ChineseName()),
        ["objections"] = new()
        {
            ["type"] = "array",
            ["description"] = "客户提出的异议",
            ["items"] = Choice("异议", Enum.GetValues<Objection>(), o => o.Code(), o => o.ChineseName()),
        },
        ["amount"] = new() { ["type"] = "number", ["description"] = "消息里说的金额，单位元（15万 = 150000）" },
        ["stage"] = Choice("客户阶段", Enum.GetValues<FunnelStage>(), s => s.Code(), s => s.ChineseName()),
        ["follow_up_date"] = new() { ["type"] = "string", ["description"] = "下次跟进或提醒的日期 yyyy-MM-dd，只能是今天或以后" },
        ["follow_up_time"] = new() { ["type"] = "string", ["description"] = "下次跟进的时间 HH:mm，没说就不填" },
        ["tier"] = Choice("客户分类", Enum.GetValues<CustomerTier>(), t => t.ToString(), t => t + "类"),
        ["period"] = Choice("统计周期", Enum.GetValues<ReportPeriod>(), p => p.Code(), p => p.ChineseName()),
    };

    /// <summary>Every intent the catalogue offers to the model, with its description and the slots it reads.</summary>
    public static IReadOnlyList<KernelFunction> All { get; } =
        [.. IntentCatalogue.All.Where(s => s.OfferedToModel)
            .Select(s => Function(s.Code, s.Description, s.Slots.Where(slot => slot != Slot.Tier || s.Intent == Intent.ListCustomers).SelectMany(ToolSlots)))];

    public static Intent? IntentOf(string functionName) =>
        IntentCatalogue.FromCode(functionName) is var intent and not Intent.Unknown && IntentCatalogue.Of(intent)!.OfferedToModel ? intent : null;

    /// <summary>The model gives the follow-up as a date and a time.</summary>
    private static IEnumerable<string> ToolSlots(string slot) => slot == Slot.FollowUp ? ["follow_up_date", "follow_up_time"] : [slot];

    /// <summary>A slot whose values are an enum's codes, each explained in Chinese in the description, as the rules use them.</summary>
    private static JsonObject Choice<T>(string description, IEnumerable<T> values, Func<T, string> code, Func<T, string> chinese) where T : struct, Enum =>
        new()
        {
            ["type"] = "string",
            ["description"] = description + "：" + string.Join(", ", values.Select(v => code(v) + " " + chinese(v))),
            ["enum"] = new JsonArray([.. values.Select(v => JsonValue.Create(code(v)))]),
        };

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
