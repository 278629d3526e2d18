using Bot.Conversations.Customers;
using Bot.Conversations.Pipeline;

namespace Bot.Conversations.Dialogs;

/// <summary>
/// 撤销 takes the last write back completely (within ten minutes): the interaction, the reminder it created or the
/// ones it moved, the stage with its history entry and the time it had been in its stage, the order, a customer it
/// created. 不对，是X for a write that cannot be handled again moves the last interaction to X.
/// </summary>
public sealed class UndoAndCorrection(
    IInteractionRepository interactions, IReminderRepository reminders, ICustomerRepository customers, IOrderRepository orders, CustomerDirectory directory)
{
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

    public async Task<Reply> MoveToAsync(DialogSession dialog, long customerId, CancellationToken ct)
    {
        if (dialog.Last is not { InteractionId: { } interactionId } last)
            return Reply.Plain("没有可以更正的跟进记录（只能更正10分钟内的最后一条）。");
        var customer = await customers.GetAsync(customerId, ct) ?? throw new InvalidOperationException("customer vanished");
        await interactions.MoveAsync(interactionId, customerId, ct);
        if (last.ReminderId is { } reminderId)
            await reminders.CancelAsync(reminderId, ct);
        await dialog.ForgetWriteAsync(ct);
        return Reply.Plain($"已更正：刚才的跟进记到「{customer.ShortName ?? customer.LegalName}」名下了。需要的话再说一下下次跟进时间。");
    }
}
