using Bot.Conversations.Customers;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Team;

namespace Bot.Conversations.Merging;

/// <summary>
/// The one line that says what a merge will do before anything is written: «把「星辰科技」并入「星辰网络科技有限公司」：
/// 3条跟进、1个订单、2位联系人一并转过去…回复「确认」合并». When the two owners differ it first asks who keeps the customer.
/// </summary>
public sealed class MergeProposal(ICustomerMerges merges, IUserDirectory users)
{
    public const string ConfirmWord = "确认";

    /// <summary>Both customers as they stand now, or null (and the proposal dropped) when one is gone.</summary>
    public async Task<(MergeCandidate Survivor, MergeCandidate Merged)?> LoadAsync(DialogSession dialog, PendingMerge pending, CancellationToken ct)
    {
        var survivor = await merges.DescribeAsync(pending.SurvivorId, ct);
        var merged = await merges.DescribeAsync(pending.MergedId, ct);
        if (survivor is { Live: true } && merged is { Live: true })
            return (survivor, merged);
        await dialog.ClearMergeAsync(ct);
        return null;
    }

    /// <summary>Keeps the proposal for 确认 and says what it will do, or why it cannot be done.</summary>
    public async Task<Reply> ShowAsync(DialogSession dialog, PendingMerge pending, CancellationToken ct)
    {
        if (await LoadAsync(dialog, pending, ct) is not { } pair)
            return Reply.Plain(MergeText.Refusal(MergeRefusal.Gone));
        var (survivor, merged) = pair;
        await dialog.AwaitMergeAsync(pending, ct);
        var moving = MergeText.Records(merged.Counts) is { } records ? $"{records}一并转过去" : "它名下没有跟进、订单等记录";
        var stage = MergeRules.SurvivingStage(survivor.Stage, merged.Stage).ChineseName();
        var line = $"把「{merged.LegalName}」并入「{survivor.LegalName}」：{moving}，「{merged.LegalName}」留作别名，合并后阶段为「{stage}」";
        if (MergeRules.OwnerAfter(survivor.OwnerId, merged.OwnerId, pending.OwnerId) is not { } owner)
        {
            if (!MergeRules.OwnersDiffer(survivor.OwnerId, merged.OwnerId))
                return Reply.Plain($"{line}。\n回复「{ConfirmWord}」合并；要保留「{merged.LegalName}」回复「反过来」；不合并回复「取消」。");
            var (kept, other) = (await NameAsync(survivor.OwnerId, ct), await NameAsync(merged.OwnerId, ct));
            return Reply.Plain($"{line}。\n两家的负责人不同：「{survivor.LegalName}」归{kept}，「{merged.LegalName}」归{other}。合并后归谁？回复「{kept}」或「{other}」。");
        }
        return Reply.Plain($"{line}，负责人{await NameAsync(owner, ct)}。\n回复「{ConfirmWord}」合并；要保留「{merged.LegalName}」回复「反过来」；不合并回复「取消」。");
    }

    /// <summary>The owner a reply names, when it is one of the two customers' owners.</summary>
    public async Task<long?> OwnerNamedAsync(string name, MergeCandidate survivor, MergeCandidate merged, CancellationToken ct)
    {
        foreach (var id in new[] { survivor.OwnerId, merged.OwnerId }.OfType<long>())
        {
            if (await users.GetAsync(id, ct) is { } user && string.Equals(user.Name, name, StringComparison.OrdinalIgnoreCase))
                return id;
        }
        return null;
    }

    private async Task<string> NameAsync(long? userId, CancellationToken ct) =>
        userId is { } id && await users.GetAsync(id, ct) is { } user ? user.Name : "（无人负责）";
}
