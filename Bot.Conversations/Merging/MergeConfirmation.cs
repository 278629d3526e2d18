using System.Text.RegularExpressions;
using Bot.Conversations.Customers;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Merging;

/// <summary>
/// The answers to a proposed merge: 确认 merges, 反过来 keeps the other one, a name says who owns it afterwards, 取消
/// drops it; any other message drops it too and is read as itself. After a merge, 撤销 (within ten minutes) puts
/// everything back.
/// </summary>
public sealed partial class MergeConfirmation(MergeProposal proposal, ICustomerMerges merges, CustomerDirectory directory) : IDialogStep
{
    [GeneratedRegex(@"^\s*(确认|确认合并|确定|确定合并|可以合并)\s*[.!]?\s*$")]
    private static partial Regex Confirm();

    [GeneratedRegex(@"^\s*(反过来|反一下|倒过来|换过来|换一下|对调|调换一下)\s*(吧|合并)?\s*[.!]?\s*$")]
    private static partial Regex Swap();

    [GeneratedRegex(@"^\s*(取消|不合并了?|先不合并|算了|不用了?|不要了?|别合并)\s*[.!]?\s*$")]
    private static partial Regex Cancel();

    // 李娜 · 归李娜 · 给张伟吧 · 留给李娜 · 李娜负责
    [GeneratedRegex(@"^\s*(归|给|留给|交给|由|还是)?\s*(?<name>[^\s,.!?]{2,8}?)\s*(负责|来跟|跟|吧)?\s*[.!]?\s*$")]
    private static partial Regex Owner();

    public async Task<StepResult?> AnswerAsync(DialogTurn turn, CancellationToken ct)
    {
        if (UndoLastWrite.Means(turn.Text) && turn.Dialog.Last is { Undo: [CustomersMerged merged] })
            return StepResult.Say(await UndoAsync(turn.Dialog, merged, ct));
        if (turn.Dialog.Merge is not { } pending)
            return null;
        if (Confirm().IsMatch(turn.Text))
            return StepResult.Say(await MergeAsync(turn, pending, ct));
        if (Cancel().IsMatch(turn.Text))
        {
            await turn.Dialog.ClearMergeAsync(ct);
            return StepResult.Say(Reply.Plain("好的，没有合并。"));
        }
        if (Swap().IsMatch(turn.Text))
            return StepResult.Say(await proposal.ShowAsync(turn.Dialog, pending with { SurvivorId = pending.MergedId, MergedId = pending.SurvivorId }, ct));
        if (Owner().Match(turn.Text) is { Success: true } owner && await OwnerNamedAsync(turn.Dialog, pending, owner.Groups["name"].Value, ct) is { } ownerId)
            return StepResult.Say(await proposal.ShowAsync(turn.Dialog, pending with { OwnerId = ownerId }, ct));
        // Anything else is a new message; a merge is not left waiting behind it for a stray 确认.
        await turn.Dialog.ClearMergeAsync(ct);
        return null;
    }

    private async Task<long?> OwnerNamedAsync(DialogSession dialog, PendingMerge pending, string name, CancellationToken ct) =>
        await proposal.LoadAsync(dialog, pending, ct) is { } pair ? await proposal.OwnerNamedAsync(name, pair.Survivor, pair.Merged, ct) : null;

    private async Task<Reply> MergeAsync(DialogTurn turn, PendingMerge pending, CancellationToken ct)
    {
        if (turn.User.Role != UserRole.Admin)
        {
            await turn.Dialog.ClearMergeAsync(ct);
            return Reply.Plain(IntentCatalogue.Of(Intent.MergeCustomers)!.AdminOnlyRefusal!);
        }
        if (await proposal.LoadAsync(turn.Dialog, pending, ct) is not { } pair)
            return Reply.Plain(MergeText.Refusal(MergeRefusal.Gone));
        var (survivor, merged) = pair;
        var actor = "chat:" + turn.User.WeComUserId;
        switch (await merges.MergeAsync(new MergeRequest(survivor.Id, merged.Id, pending.OwnerId, turn.User.Id, actor, turn.Now), ct))
        {
            case MergeOutcome.Refused { Reason: MergeRefusal.OwnerNeeded }:
                return await proposal.ShowAsync(turn.Dialog, pending, ct);
            case MergeOutcome.Refused refused:
                await turn.Dialog.ClearMergeAsync(ct);
                return Reply.Plain(MergeText.Refusal(refused.Reason));
            case MergeOutcome.Merged done:
                directory.Invalidate();
                var summary = $"把「{merged.LegalName}」并入「{survivor.LegalName}」";
                await turn.Dialog.RememberWriteAsync(new LastWrite(summary, survivor.Id, [new CustomersMerged(done.AuditId, turn.User.Id, actor)],
                    pending.Text, Intent.MergeCustomers, pending.InboundId, turn.Now), ct);
                var moved = MergeText.Records(done.Moved) is { } records ? $"{records}已转到「{survivor.LegalName}」名下，" : "";
                return Reply.Plain($"已合并：{moved}「{merged.LegalName}」留作别名，以后说这个名字也会找到「{survivor.LegalName}」。" +
                    $"操作已记入审计日志（#{done.AuditId}）。10分钟内回复「撤销」可以恢复。");
            default:
                throw new InvalidOperationException("unknown merge outcome");
        }
    }

    private async Task<Reply> UndoAsync(DialogSession dialog, CustomersMerged merged, CancellationToken ct)
    {
        var outcome = await merges.UndoAsync(merged.AuditId, merged.ActorId, merged.Actor, ct);
        await dialog.ForgetWriteAsync(ct);
        directory.Invalidate();
        if (outcome is MergeUndoOutcome.Refused refused)
            return Reply.Plain("没能撤销合并：" + MergeText.Refusal(refused.Reason, refused.LaterAuditId));
        var undone = (MergeUndoOutcome.Undone)outcome;
        var name = (await merges.DescribeAsync(undone.MergedId, ct))?.LegalName;
        var back = MergeText.Records(undone.Restored) is { } records ? $"，{records}已移回" : "";
        return Reply.Plain($"已撤销合并：「{name}」恢复为单独的客户{back}。");
    }
}
