using Bot.Conversations.Customers;
using Bot.Conversations.Merging;
using Bot.Conversations.Team;

namespace Bot.Host.Cli;

/// <summary>
/// `scripts/bot merge A B [--owner USERID]` merges B into A (A, named first, stays); `scripts/bot merge --undo ID` undoes
/// the merge with that audit id. Whoever runs the command line is trusted as an admin, as for `forget`.
/// </summary>
public sealed class MergeCommand(CustomerDirectory directory, ICustomerMerges merges, IUserDirectory users, TimeProvider clock)
{
    public const int Refused = 3;

    private static string Actor => "cli:" + Environment.UserName;

    public async Task<int> MergeAsync(string survivorName, string mergedName, string? ownerUserId, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var (survivor, exitCode) = await CustomerArgument.ResolveAsync(directory, survivorName, error, ct);
        if (survivor is null)
            return exitCode;
        (var merged, exitCode) = await CustomerArgument.ResolveAsync(directory, mergedName, error, ct);
        if (merged is null)
            return exitCode;
        long? ownerId = null;
        if (ownerUserId is not null)
        {
            if (await users.FindByWeComIdAsync(ownerUserId, ct) is not { } owner)
            {
                await error.WriteLineAsync($"没有用户「{ownerUserId}」（--owner 写企业微信 userid）。");
                return Refused;
            }
            ownerId = owner.Id;
        }

        switch (await merges.MergeAsync(new MergeRequest(survivor.Id, merged.Id, ownerId, null, Actor, clock.GetUtcNow()), ct))
        {
            case MergeOutcome.Merged done:
                var moved = MergeText.Records(done.Moved) is { } records ? $"{records}已转到「{survivor.LegalName}」名下，" : "";
                await output.WriteLineAsync($"已把「{merged.LegalName}」并入「{survivor.LegalName}」：{moved}「{merged.LegalName}」留作别名。");
                await output.WriteLineAsync($"审计编号 #{done.AuditId}；撤销：scripts/bot merge --undo {done.AuditId}");
                return 0;
            case MergeOutcome.Refused { Reason: MergeRefusal.OwnerNeeded }:
                var (a, b) = (await OwnerAsync(survivor.OwnerId, ct), await OwnerAsync(merged.OwnerId, ct));
                await error.WriteLineAsync($"两家的负责人不同：「{survivor.LegalName}」归{a.Name}，「{merged.LegalName}」归{b.Name}。" +
                    $"请用 --owner {a.WeComUserId} 或 --owner {b.WeComUserId} 说定合并后归谁。");
                return Refused;
            case MergeOutcome.Refused refused:
                await error.WriteLineAsync(MergeText.Refusal(refused.Reason));
                return Refused;
            default:
                throw new InvalidOperationException("unknown merge outcome");
        }
    }

    public async Task<int> UndoAsync(long auditId, TextWriter output, TextWriter error, CancellationToken ct)
    {
        switch (await merges.UndoAsync(auditId, null, Actor, ct))
        {
            case MergeUndoOutcome.Undone undone:
                var name = (await merges.DescribeAsync(undone.MergedId, ct))?.LegalName;
                var back = MergeText.Records(undone.Restored) is { } records ? $"，{records}已移回" : "";
                await output.WriteLineAsync($"已撤销合并 #{auditId}：「{name}」恢复为单独的客户{back}。");
                return 0;
            case MergeUndoOutcome.Refused refused:
                await error.WriteLineAsync($"没能撤销合并 #{auditId}：{MergeText.Refusal(refused.Reason, refused.LaterAuditId)}");
                return Refused;
            default:
                throw new InvalidOperationException("unknown undo outcome");
        }
    }

    private async Task<SalesUser> OwnerAsync(long? id, CancellationToken ct) =>
        id is { } userId && await users.GetAsync(userId, ct) is { } user ? user : throw new InvalidOperationException("owners differ, so both are set");
}
