using Bot.Conversations.Customers;

namespace Bot.Host.Scheduling.Jobs;

/// <summary>Every night: WeCom's customer lists against ours, for the add and remove callbacks that never arrived.</summary>
public sealed class ContactReconciliationJob(IServiceScopeFactory scopes) : IScheduledJob
{
    public async Task<string> RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        // Built per run: the WeCom client is a typed HttpClient, which should not live as long as the scheduler.
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ContactReconciliationRun>().RunAsync(now, ct);
        var skipped = result.Unreadable > 0 ? $"，{result.Unreadable} 位成员企业微信不让查，跳过" : "";
        return $"核对 {result.Members} 位成员的客户：补关联 {result.Linked} 个，标记删除了销售的 {result.Removed} 个{skipped}";
    }
}
