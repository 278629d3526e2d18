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
}
