namespace Bot.Conversations.Understanding;

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
}

public static class Intents
{
    /// <summary>The snake_case name used by `scripts/bot parse` and the labelled test set.</summary>
    public static string Code(this Intent intent) => intent switch
    {
        Intent.LogInteraction => "log_interaction",
        Intent.UpdateStage => "update_stage",
        Intent.SetReminder => "set_reminder",
        Intent.QueryCustomer => "query_customer",
        Intent.QueryTier => "query_tier",
        Intent.ListCustomers => "list_customers",
        Intent.ObjectionHelp => "objection_help",
        Intent.MyTasks => "my_tasks",
        Intent.FunnelReport => "funnel_report",
        Intent.ChurnList => "churn_list",
        Intent.AddCustomer => "add_customer",
        Intent.OptOut => "opt_out",
        Intent.ForgetCustomer => "forget_customer",
        Intent.CompleteReminder => "complete_reminder",
        Intent.PostponeReminder => "postpone_reminder",
        Intent.Help => "help",
        _ => "unknown",
    };
}
