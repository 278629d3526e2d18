using Bot.Conversations.Care;
using Bot.Conversations.Churn;
using Bot.Conversations.Customers;
using Bot.Conversations.Deals;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Funnel;
using Bot.Conversations.Merging;
using Bot.Conversations.Playbook;
using Bot.Conversations.Privacy;
using Bot.Conversations.Reassignment;
using Bot.Conversations.Records;
using Bot.Conversations.Reminders;
using Bot.Conversations.Reports;
using Bot.Conversations.Targets;

namespace Bot.Conversations.Understanding;

/// <summary>A slot an intent reads from a message, by its name in `scripts/bot parse`.</summary>
public static class Slot
{
    public const string Customer = "customer";
    public const string Contact = "contact";
    public const string Channel = "channel";
    public const string Objections = "objections";
    public const string Amount = "amount";
    public const string FollowUp = "next_followup";
    public const string Stage = "stage";
    public const string Period = "period";
    public const string Tier = "tier";
}

/// <summary>
/// One intent, declared once: its code in `scripts/bot parse`, what it means in Chinese (for the help text and the
/// model's tool list), the slots it reads, whether it needs a customer, whether it changes stored data, who may use
/// it, examples, and the handler that answers it. <see cref="AlwaysConfirms"/>: the handler asks for its own
/// confirmation (erasure waits for 确认删除). <see cref="ReadsOwnNames"/>: the handler finds the several customers it is
/// about itself, so the reading names none (a merge names two). The recogniser's classes, the parse report, the help text, the
/// model's tools, the action policy and the handler registration are all read from here.
/// </summary>
public sealed record IntentSpec(
    Intent Intent,
    string Code,
    string Description,
    Type Handler,
    CustomerNeed Customer,
    bool Writes,
    IReadOnlyList<string> Slots,
    IReadOnlyList<string> Examples,
    string? AdminOnlyRefusal = null,
    bool OfferedToModel = true,
    bool AlwaysConfirms = false,
    bool ReadsOwnNames = false)
{
    public bool Reads(string slot) => Slots.Contains(slot);
}

public static class IntentCatalogue
{
    public static IReadOnlyList<IntentSpec> All { get; } =
    [
        new(Intent.LogInteraction, "log_interaction", "记录一次已经发生的和客户的沟通（电话、拜访、微信、邮件、会议），含异议、金额、阶段变化和下次跟进",
            typeof(LogInteractionHandler), CustomerNeed.Required, Writes: true,
            [Slot.Customer, Slot.Contact, Slot.Channel, Slot.Objections, Slot.Amount, Slot.FollowUp, Slot.Stage, Slot.Tier],
            ["刚给星辰的李总打了电话，他嫌贵，下周三再跟进", "拜访了华东精密，签了，合同15万"]),
        new(Intent.UpdateStage, "update_stage", "客户的销售阶段变了（签了、黄了、进入洽谈），没有具体沟通内容",
            typeof(UpdateStageHandler), CustomerNeed.Required, Writes: true,
            [Slot.Customer, Slot.Objections, Slot.Amount, Slot.FollowUp, Slot.Stage, Slot.Tier], ["海川签了，30万", "金禾黄了"]),
        new(Intent.SetReminder, "set_reminder", "设一个提醒或约定：到时提醒用户去做某事（计划、预约、截止日期）",
            typeof(SetReminderHandler), CustomerNeed.Optional, Writes: true, [Slot.Customer, Slot.FollowUp, Slot.Tier],
            ["下周一上午10点提醒我回访海川", "约了华东精密周五上午10点去厂里谈"]),
        new(Intent.CompleteReminder, "complete_reminder", "已有的跟进或提醒做完了",
            typeof(CompleteReminderHandler), CustomerNeed.Optional, Writes: true, [Slot.Customer, Slot.Tier], ["海川的跟进做完了"], OfferedToModel: false),
        new(Intent.PostponeReminder, "postpone_reminder", "已有的跟进或提醒往后推",
            typeof(PostponeReminderHandler), CustomerNeed.Optional, Writes: true, [Slot.Customer, Slot.FollowUp, Slot.Tier],
            ["海川的提醒推迟到周五"], OfferedToModel: false),
        new(Intent.QueryCustomer, "query_customer", "问某个客户的情况：阶段、签了没、上次说了什么、联系人和电话、最近跟进",
            typeof(CustomerProfileHandler), CustomerNeed.Required, Writes: false, [Slot.Customer, Slot.Contact, Slot.Tier],
            ["海川医疗最近怎么样", "恒通签了没"]),
        new(Intent.QueryTier, "query_tier", "问某个客户属于哪一类（ABC、RFM、价值分层）",
            typeof(CustomerTierHandler), CustomerNeed.Required, Writes: false, [Slot.Customer, Slot.Tier], ["海川是哪一类客户"]),
        new(Intent.ListCustomers, "list_customers", "按分类、阶段、行业或逾期列出用户的客户",
            typeof(ListCustomersHandler), CustomerNeed.None, Writes: false, [Slot.Stage, Slot.Period, Slot.Tier], ["我的A类客户", "意向客户有哪些"]),
        new(Intent.ObjectionHelp, "objection_help", "问客户提出某种异议时该怎么回应（话术）",
            typeof(ObjectionHelpHandler), CustomerNeed.Optional, Writes: false, [Slot.Customer, Slot.Contact, Slot.Objections, Slot.Tier],
            ["客户说太贵了怎么回"]),
        new(Intent.MyTasks, "my_tasks", "问今天或最近要跟进谁、有哪些待办",
            typeof(MyTasksHandler), CustomerNeed.None, Writes: false, [Slot.Period, Slot.Tier], ["我今天要跟进谁"]),
        new(Intent.FunnelReport, "funnel_report", "看销售漏斗、业绩、转化率、某个销售或团队的跟进次数",
            typeof(FunnelReportHandler), CustomerNeed.None, Writes: false, [Slot.Period, Slot.Tier], ["本周漏斗", "张伟这个月的漏斗"]),
        new(Intent.ChurnList, "churn_list", "看哪些客户有流失风险",
            typeof(ChurnListHandler), CustomerNeed.None, Writes: false, [Slot.Period, Slot.Tier], ["哪些客户快流失了"]),
        new(Intent.UpdateDeal, "update_deal", "新建或修改一个客户的商机：金额、预计签约日期（不含沟通经过和阶段变化）",
            typeof(UpdateDealHandler), CustomerNeed.Optional, Writes: true, [Slot.Customer, Slot.Amount, Slot.FollowUp, Slot.Tier],
            ["华东精密二期，预计15万，12月底签", "金额改成25万"]),
        new(Intent.SetTarget, "set_target", "主管或管理员给某个销售或团队设定月度、季度销售目标",
            typeof(SetTargetHandler), CustomerNeed.None, Writes: true, [Slot.Amount, Slot.Period, Slot.Tier], ["张伟12月目标50万", "团队一季度目标300万"]),
        new(Intent.TargetReport, "target_report", "看目标完成情况：已签、目标、完成率、差额、排名",
            typeof(TargetReportHandler), CustomerNeed.None, Writes: false, [Slot.Period, Slot.Tier], ["本月目标完成情况", "张伟指标完成多少了"]),
        new(Intent.Forecast, "forecast", "看销售预测和在跟的商机：预计本月、本季度能签多少",
            typeof(ForecastHandler), CustomerNeed.None, Writes: false, [Slot.Period, Slot.Tier], ["本月能签多少", "这季度pipeline"]),
        new(Intent.ExportReport, "export_report", "把报表导出成 Excel 文件",
            typeof(ExportReportHandler), CustomerNeed.None, Writes: false, [Slot.Period, Slot.Tier], ["把本月报表导出来"]),
        new(Intent.AssignFollowUp, "assign_followup", "主管或管理员安排团队里的某个销售在某个时间前跟进某个客户",
            typeof(AssignFollowUpHandler), CustomerNeed.Required, Writes: true, [Slot.Customer, Slot.Contact, Slot.FollowUp, Slot.Tier],
            ["让张伟明天去拜访金禾", "安排李娜周五前给海川回个电话"]),
        new(Intent.DeleteRecord, "delete_record", "删除用户自己之前记的一条记录：沟通记录、提醒、订单或商机（先确认再删，可撤销）",
            typeof(DeleteRecordHandler), CustomerNeed.Optional, Writes: true, [Slot.Customer, Slot.Tier],
            ["把昨天给金禾记的那条拜访删了", "海川那个提醒不要了"], AlwaysConfirms: true),
        new(Intent.EditRecord, "edit_record", "改用户之前记的一条沟通记录的渠道、联系人或日期（先确认再改，可撤销）",
            typeof(EditRecordHandler), CustomerNeed.Optional, Writes: true, [Slot.Customer, Slot.Contact, Slot.Channel, Slot.Tier],
            ["昨天金禾那条记录渠道改成拜访", "上周三星辰那次联系人应该是王海"], AlwaysConfirms: true),
        new(Intent.AddCustomer, "add_customer", "新建一个客户",
            typeof(AddCustomerHandler), CustomerNeed.None, Writes: true, [Slot.Tier], ["新客户：杭州云帆科技，联系人周敏"]),
        new(Intent.OptOut, "opt_out", "某个客户或联系人不想再收节日、生日祝福",
            typeof(OptOutHandler), CustomerNeed.Required, Writes: true, [Slot.Customer, Slot.Contact, Slot.Tier], ["金禾赵总不想收祝福了"]),
        new(Intent.CarePlan, "care_plan", "问接下来要给哪些客户发生日、节日祝福或售后关怀，发什么、哪天发",
            typeof(CarePlanHandler), CustomerNeed.Optional, Writes: false, [Slot.Customer, Slot.Contact, Slot.Period, Slot.Tier],
            ["这周要给哪些客户发祝福", "金禾赵总的生日祝福什么时候发"]),
        new(Intent.ChangeGreeting, "change_greeting", "这一次不发某条已安排的祝福，或改写它的文字（以后照常发）",
            typeof(ChangeGreetingHandler), CustomerNeed.Required, Writes: true, [Slot.Customer, Slot.Contact, Slot.Tier],
            ["跳过海川的元旦祝福", "给星辰李总的中秋祝福改成：李总，中秋快乐！"]),
        new(Intent.ForgetCustomer, "forget_customer", "按客户要求删除其个人信息（仅管理员）",
            typeof(ForgetCustomerHandler), CustomerNeed.Required, Writes: true, [Slot.Customer, Slot.Contact, Slot.Tier],
            ["删除客户星辰网络的个人信息"], AdminOnlyRefusal: "删除客户个人信息只有管理员可以操作。客户提出删除要求的话，请转告管理员处理。",
            OfferedToModel: false, AlwaysConfirms: true),
        new(Intent.ReassignCustomers, "reassign_customers", "主管或管理员把客户（连同未完成的跟进、在跟商机和企业微信好友）从一位销售转给另一位",
            typeof(ReassignCustomersHandler), CustomerNeed.None, Writes: true, [Slot.Customer, Slot.Tier],
            ["把张伟的客户都转给李娜", "金禾以后归陈静跟"], OfferedToModel: false, AlwaysConfirms: true),
        new(Intent.MergeCustomers, "merge_customers", "把同一家客户的两条重复记录合并成一条（仅管理员）",
            typeof(MergeCustomersHandler), CustomerNeed.None, Writes: true, [Slot.Tier],
            ["星辰科技和星辰网络科技有限公司是同一家，合并一下"], AdminOnlyRefusal: "合并重复客户只有管理员可以操作，请联系管理员处理。",
            OfferedToModel: false, AlwaysConfirms: true, ReadsOwnNames: true),
        new(Intent.Help, "help", "问这个助手能做什么、怎么用",
            typeof(HelpHandler), CustomerNeed.None, Writes: false, [Slot.Tier], ["帮助"]),
    ];

    private static readonly Dictionary<Intent, IntentSpec> ByIntent = All.ToDictionary(s => s.Intent);
    private static readonly Dictionary<string, IntentSpec> ByCode = All.ToDictionary(s => s.Code);
    private static readonly Dictionary<Type, IntentSpec> ByHandler = All.ToDictionary(s => s.Handler);

    /// <summary>Every code the recogniser may answer with: the intents, and "unknown".</summary>
    public static IEnumerable<string> Codes => All.Select(s => s.Code).Append(UnknownCode);

    public const string UnknownCode = "unknown";

    public static IntentSpec? Of(Intent intent) => ByIntent.GetValueOrDefault(intent);

    public static IntentSpec? OfHandler(Type handler) => ByHandler.GetValueOrDefault(handler);

    public static Intent FromCode(string code) => ByCode.TryGetValue(code, out var spec) ? spec.Intent : Intent.Unknown;

    public static string Code(this Intent intent) => Of(intent)?.Code ?? UnknownCode;

    public static bool Writes(this Intent intent) => Of(intent)?.Writes ?? false;

    /// <summary>A question: an intent that only reads (unknown is neither a question nor a write).</summary>
    public static bool OnlyReads(this Intent intent) => Of(intent) is { Writes: false };
}
