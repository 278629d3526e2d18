namespace Bot.Conversations.Understanding;

/// <summary>What a message asks for; each one is declared in <see cref="IntentCatalogue"/>.</summary>
public enum Intent
{
    Unknown,
    Help,
    LogInteraction,
    UpdateStage,
    SetReminder,
    QueryCustomer,
    QueryTier,
    ListCustomers,
    ObjectionHelp,
    MyTasks,
    FunnelReport,
    ChurnList,
    AddCustomer,
    /// <summary>The customer no longer wants care messages (退订 / 不想收祝福了).</summary>
    OptOut,
    /// <summary>An admin erases a customer's personal data at their request (删除客户X的个人信息).</summary>
    ForgetCustomer,
    /// <summary>A follow-up the rep already had is done (星辰那个跟进做完了).</summary>
    CompleteReminder,
    /// <summary>A follow-up the rep already had moves later (金禾的跟进往后推两天).</summary>
    PostponeReminder,
    /// <summary>A deal (商机) is opened or its amount or signing date changes (华东精密二期，预计15万，12月底签).</summary>
    UpdateDeal,
    /// <summary>A manager sets a target (张伟12月目标50万).</summary>
    SetTarget,
    TargetReport,
    Forecast,
    /// <summary>A report as an Excel file (把本月报表导出来).</summary>
    ExportReport,
    /// <summary>A manager has a rep follow up a customer (让张伟明天去拜访金禾).</summary>
    AssignFollowUp,
    /// <summary>A manager or the admin moves customers to another rep (把张伟的客户都转给李娜).</summary>
    ReassignCustomers,
    /// <summary>An admin merges two records of the same customer (星辰科技和星辰网络科技有限公司是同一家，合并一下).</summary>
    MergeCustomers,
    /// <summary>An earlier record of the user's is deleted (删掉昨天金禾那条拜访, 海川那个提醒不要了).</summary>
    DeleteRecord,
    /// <summary>One field of an earlier interaction is changed (昨天金禾那条记录渠道改成拜访).</summary>
    EditRecord,
    /// <summary>Which care greetings are coming for the user's customers (这周要给哪些客户发祝福).</summary>
    CarePlan,
    /// <summary>One coming greeting skipped or rewritten this time (跳过海川的元旦祝福).</summary>
    ChangeGreeting,
}
