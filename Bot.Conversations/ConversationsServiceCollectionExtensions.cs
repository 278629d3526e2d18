using Bot.Conversations.Assistant;
using Bot.Conversations.Care;
using Bot.Conversations.Customers;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Funnel;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Playbook;
using Bot.Conversations.Reminders;
using Bot.Conversations.Tiering;
using Bot.Conversations.Understanding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bot.Conversations;

public static class ConversationsServiceCollectionExtensions
{
    public static IServiceCollection AddConversations(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<ConversationMetrics>();
        services.AddSingleton<IConversationEngine, ConversationEngine>();
        services.AddSingleton<CustomerDirectory>();
        services.AddSingleton<MessageParser>();
        services.AddSingleton<MessageUnderstanding>();
        services.AddSingleton<IntentDispatch>();
        services.AddSingleton<DialogSteps>();
        services.AddSingleton<WriteStores>();
        services.AddSingleton<UndoLastWrite>();
        services.AddSingleton<CorrectLastWrite>();
        services.AddSingleton<FixLastInteraction>();
        services.AddSingleton<ContactFix>();
        services.AddSingleton<Records.RecordChanges>();
        services.AddSingleton<Records.RecordChangeAnswer>();
        services.AddSingleton<CustomerQuestion>();
        services.AddSingleton<ListPages>();
        services.AddSingleton<WriteConfirmation>();
        services.AddSingleton<Merging.MergeProposal>();
        services.AddSingleton<Merging.MergeConfirmation>();
        services.AddSingleton<FirstGreeting>();
        services.AddSingleton<ReminderButtons>();
        services.AddSingleton<PlaybookSearch>();
        services.AddSingleton<CustomerContactEvents>();
        services.AddOptions<TieringOptions>().BindConfiguration(TieringOptions.Section).PostConfigure(o => o.WithGuideDefaults()).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CustomerTierPolicy>();
        services.AddSingleton<TierRecompute>();
        services.AddSingleton<Churn.ChurnNotices>();
        services.AddSingleton<Churn.ChurnScan>();
        services.AddSingleton<CareDayPlanning>();
        services.AddSingleton<CarePreview>();
        services.AddSingleton<GreetingChanger>();
        services.AddSingleton<GreetingButtons>();
        services.AddSingleton<CareGreetingRun>();
        // Per run, like the reconciliation below: the channel's delivery reports come through the WeCom client.
        services.AddTransient<CareResultRun>();
        // Per run: they use the WeCom client, a typed HttpClient that should not live as long as the scheduler.
        services.AddTransient<ContactReconciliation>();
        services.AddTransient<ContactReconciliationRun>();
        services.AddSingleton<Churn.ChurnWatchlist>();
        services.AddOptions<Care.CareOptions>().BindConfiguration(Care.CareOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<Care.CareOptions>, Care.CareOptionsValidator>();
        services.AddSingleton<DueReminderCards>();
        services.AddSingleton<AppointmentOutcomes>();
        services.AddSingleton<AssignmentNotices>();
        services.AddSingleton<OverdueEscalation>();
        services.AddSingleton<CadencePlanner>();
        services.AddSingleton<Digest.DailyDigestBuilder>();
        services.AddSingleton<WeeklyFunnelPush>();

        // Without a language model the rules read every message and templates say everything; AddAssistant swaps these.
        services.TryAddSingleton<IUnderstandingAssistant, RulesOnlyUnderstanding>();
        services.TryAddSingleton<IGroundedWriter, TemplatesOnly>();
        services.AddSingleton<ICareMessageDrafter, CareMessageDrafter>();

        services.AddSingleton<ReminderTargets>();
        services.AddSingleton<FunnelReportBuilder>();
        services.AddSingleton<Deals.DealStageSync>();
        services.AddSingleton<BirthdayList>();
        services.AddSingleton<Reassignment.ReassignmentPlanner>();
        services.AddSingleton<Reassignment.CustomerReassignment>();
        services.AddSingleton<Reassignment.ContactTransferEvents>();
        // Per run, like the reconciliation: the transfers go through the WeCom client.
        services.AddTransient<Reassignment.ContactTransferRun>();
        services.AddSingleton<Reports.ChartReplies>();
        services.AddSingleton<Reports.ReportWorkbookBuilder>();
        services.AddOptions<Targets.ForecastOptions>().BindConfiguration(Targets.ForecastOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Each intent's handler, as the catalogue declares it.
        foreach (var spec in IntentCatalogue.All)
        {
            services.AddSingleton(spec.Handler);
            services.AddSingleton(sp => (IIntentHandler)sp.GetRequiredService(spec.Handler));
        }
        return services;
    }

    /// <summary>
    /// The optional model layer over the Semantic Kernel <see cref="Microsoft.SemanticKernel.Kernel"/> the host registered (its chat completion connector): a second reading of
    /// messages the rules are unsure of, summaries of long messages, grounded objection replies and care messages.
    /// </summary>
    public static IServiceCollection AddAssistant(this IServiceCollection services, AssistantSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton<AssistantModel>();
        services.Replace(ServiceDescriptor.Singleton<IUnderstandingAssistant, ModelUnderstanding>());
        services.Replace(ServiceDescriptor.Singleton<IGroundedWriter, ModelGroundedWriter>());
        return services;
    }
}
