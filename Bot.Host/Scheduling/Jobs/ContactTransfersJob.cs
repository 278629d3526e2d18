using Bot.Conversations.Reassignment;

namespace Bot.Host.Scheduling.Jobs;

/// <summary>Every few minutes: the WeChat account transfers of reassigned customers requested, checked, and failures told.</summary>
public sealed class ContactTransfersJob(IServiceScopeFactory scopes) : IScheduledJob
{
    public async Task<string> RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        // Built per run: the WeCom client is a typed HttpClient, which should not live as long as the scheduler.
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ContactTransferRun>().RunAsync(now, ct);
        return $"客户转接：发起 {result.Requested.Count(a => a.ErrCode == 0)} 个，失败 {result.Requested.Count(a => a.ErrCode is > 0 or < 0)} 个，" +
            $"待查 {result.Requested.Count(a => a.ErrCode is null)} 个；核对 {result.PairsChecked} 组成员的转接，告知 {result.Told} 个没转成的";
    }
}
