using Bot.Conversations.Care;
using Bot.Conversations.Customers;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Operations;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Team;
using Bot.Data.Import;
using Bot.Data.Postgres;
using Bot.Data.Redis;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bot.Data;

public static class DataServiceCollectionExtensions
{
    public static IServiceCollection AddData(this IServiceCollection services)
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new DateOnlyTypeHandler());

        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(sp => WithoutJit(new NpgsqlDataSourceBuilder(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString)).Build());
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<ISchemaMigrations>(sp => sp.GetRequiredService<MigrationRunner>());
        services.AddSingleton<IUserDirectory, UserRepository>();
        services.AddSingleton<ICustomerRepository, CustomerRepository>();
        services.AddSingleton<IInteractionRepository, InteractionRepository>();
        services.AddSingleton<IOrderRepository, OrderRepository>();
        services.AddSingleton<Bot.Conversations.Deals.IDealRepository, DealRepository>();
        services.AddSingleton<Bot.Conversations.Targets.ITargetRepository, TargetRepository>();
        services.AddSingleton<Bot.Conversations.Targets.ISalesResults, SalesResults>();
        services.AddSingleton<IExternalContactStore, ExternalContactStore>();
        services.AddSingleton<ICustomerDirectorySource, CustomerDirectorySource>();
        services.AddSingleton<IReminderRepository, ReminderRepository>();
        services.AddSingleton<Bot.Conversations.Records.IRecordStore, RecordStore>();
        services.AddSingleton<ICustomerQueries, CustomerQueries>();
        services.AddSingleton<Bot.Conversations.Tiering.ITierStore, TierStore>();
        services.AddSingleton<Bot.Conversations.Churn.IChurnQueries, ChurnQueries>();
        services.AddSingleton<Bot.Conversations.Churn.IChurnFindings, ChurnFindingsStore>();
        services.AddSingleton<Bot.Conversations.Funnel.IFunnelQueries, FunnelQueries>();
        services.AddSingleton<Bot.Conversations.Playbook.IPlaybookStore, PlaybookStore>();
        services.AddSingleton<ICareCandidates, Care.CareCandidates>();
        services.AddSingleton<ICareTasks, Care.CareTaskStore>();
        services.AddSingleton<Bot.Conversations.Care.IGreetingChanges, Care.GreetingChangeStore>();
        services.AddSingleton<ICareTracking, Care.CareTracking>();
        services.AddSingleton<Bot.Conversations.Care.ICareReports, Care.CareReports>();
        services.AddSingleton<Bot.Conversations.Privacy.ICustomerRecords, CustomerRecords>();
        services.AddSingleton<Bot.Conversations.Reassignment.IReassignmentStore, ReassignmentStore>();
        services.AddSingleton<Bot.Conversations.Reassignment.IContactTransferStore, ContactTransferStore>();
        services.AddSingleton<Bot.Conversations.Merging.ICustomerMerges, CustomerMerges>();
        services.AddSingleton<Bot.Conversations.Reminders.ICadenceQueries, CadenceQueries>();
        services.AddSingleton<Bot.Conversations.Digest.IDigestQueries, DigestQueries>();
        services.AddSingleton<JobRunStore>();
        services.AddSingleton<IJobRuns>(sp => sp.GetRequiredService<JobRunStore>());
        services.AddSingleton<DatabaseProbe>();
        services.AddSingleton<IStorageProbes, StorageProbes>();
        services.AddSingleton<Messaging.InboundWriter>();
        services.AddSingleton<Messaging.InboundStore>();
        services.AddSingleton<IInbox>(sp => sp.GetRequiredService<Messaging.InboundStore>());
        services.AddSingleton<Messaging.OutboxStore>();
        services.AddSingleton<IOutbox>(sp => sp.GetRequiredService<Messaging.OutboxStore>());
        services.AddSingleton<IOutboxAdmin>(sp => sp.GetRequiredService<Messaging.OutboxStore>());
        services.AddSingleton<IQueueDepths, Messaging.QueueDepths>();

        services.AddSingleton<RedisConnection>();
        services.AddSingleton<RedisKeys>();
        services.AddSingleton<IDialogStateStore, DialogStateStore>();
        services.AddSingleton<IMessageDeduplicator, RedisMessageDeduplicator>();
        services.AddSingleton<ITokenCache, RedisTokenCache>();
        services.AddSingleton<IDistributedLock, RedisDistributedLock>();
        services.AddSingleton<IStreamReplies, Messaging.StreamReplyStore>();
        services.AddSingleton<IRateLimiter, RateLimiter>();

        services.AddSingleton<UserImporter>();
        services.AddSingleton<CustomerImporter>();
        services.AddSingleton<OrderImporter>();
        services.AddSingleton<DealImporter>();
        services.AddSingleton<TargetImporter>();
        services.AddSingleton<GuideImporter>();
        services.AddSingleton<IImports, FileImports>();
        services.AddSingleton<Demo.DemoCompanySeeder>();
        services.AddSingleton<IDemoCompany>(sp => sp.GetRequiredService<Demo.DemoCompanySeeder>());
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>
    /// PostgreSQL's JIT compiles a report's aggregates for tens of milliseconds before running them for fewer: on a
    /// month's funnel it more than doubled the time. Off for the bot's sessions unless the connection string sets it.
    /// </summary>
    private static NpgsqlDataSourceBuilder WithoutJit(NpgsqlDataSourceBuilder builder)
    {
        var options = builder.ConnectionStringBuilder.Options ?? "";
        if (!options.Contains("jit", StringComparison.OrdinalIgnoreCase))
            builder.ConnectionStringBuilder.Options = (options + " -c jit=off").Trim();
        return builder;
    }
}
