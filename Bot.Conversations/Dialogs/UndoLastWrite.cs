using System.Text.RegularExpressions;
using Bot.Conversations.Customers;
using Bot.Conversations.Pipeline;

namespace Bot.Conversations.Dialogs;

/// <summary>
/// 撤销 takes the last write back completely (within ten minutes): the interaction, the reminder it created or the
/// ones it moved, the stage with its history entry and the time it had been in its stage, the order, a customer it
/// created.
/// </summary>
public sealed partial class UndoLastWrite(
    IInteractionRepository interactions, IReminderRepository reminders, ICustomerRepository customers, IOrderRepository orders, CustomerDirectory directory) : IDialogStep
{
    [GeneratedRegex(@"^\s*(撤销|撤回|取消刚才|undo|撤销刚才的?记录)\s*[.!]?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex UndoWords();

    public async Task<StepResult?> AnswerAsync(DialogTurn turn, CancellationToken ct) =>
        UndoWords().IsMatch(turn.Text) ? StepResult.Say(await UndoAsync(turn.Dialog, turn.User.Id, turn.Now, ct)) : null;

    public async Task<Reply> UndoAsync(DialogSession dialog, long userId, DateTimeOffset now, CancellationToken ct)
    {
        if (dialog.Last is not { } last)
            return Reply.Plain("没有可以撤销的记录（只能撤销10分钟内的最后一次操作）。");
        if (last.InteractionId is { } interactionId)
            await interactions.DeleteAsync(interactionId, ct);
        if (last.ReminderId is { } reminderId)
            await reminders.DeleteAsync(reminderId, ct);
        foreach (var changed in last.ChangedReminders ?? [])
        {
            if (changed.Source is { } source)
                await reminders.RestoreAsync(changed.Id, changed.DueAt, source, ct);
            else
                await reminders.ReopenAsync(changed.Id, userId, changed.DueAt, ct);
        }
        if (last.OrderId is { } orderId)
            await orders.DeleteAsync(orderId, ct);
        if (last.PreviousStage is { } previous)
            await customers.RevertStageAsync(last.CustomerId, FunnelStages.FromCode(previous), last.PreviousStageSince ?? now, ct);
        if (last.CreatedCustomer)
            await customers.DeleteCreatedAsync(last.CustomerId, ct);
        directory.Invalidate();
        await dialog.ForgetWriteAsync(ct);
        return Reply.Plain("已撤销刚才的记录。");
    }
}
