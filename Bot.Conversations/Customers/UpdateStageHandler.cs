using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Reminders;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Customers;

/// <summary>
/// "金桥签了" / "东方百货黄了" / "天元转意向": moves the stage with history; a won deal gets its 24-hour check-in, and
/// with an amount ("合同签了，30万") an order; the customer's deals move along (<see cref="Deals.DealStageSync"/>).
/// </summary>
public sealed class UpdateStageHandler(ICustomerRepository customers, IReminderRepository reminders, IOrderRepository orders, CustomerDirectory directory, Deals.DealStageSync dealStages) : IIntentHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var customer = await customers.GetAsync(context.CustomerId, ct) ?? throw new InvalidOperationException("customer vanished");
        var name = customer.ShortName ?? customer.LegalName;
        if (context.Parsed.Stage is not { } stage)
            return [Reply.Plain($"{name}要改成哪个阶段？潜在、意向、洽谈、成交还是流失？")];
        if (stage == FunnelStage.Won && customer.Stage == FunnelStage.Won && context.Parsed.Amount is { } again)
            return [await RepeatOrderAsync(context, customer, name, again, ct)];
        if (stage == customer.Stage)
            return [Reply.Plain($"{name}已经是「{stage.ChineseName()}」阶段了，没有改动。")];

        await customers.ChangeStageAsync(customer.Id, stage, context.User.Id, context.Now, ct);
        List<UndoRecord> undo = [new StageChanged(customer.Id, customer.Stage.Code(), customer.StageChangedAt)];
        var order = stage == FunnelStage.Won && context.Parsed.Amount is { } amount ? await orders.AddAsync(customer.Id, context.Today, amount, ct) : null;
        if (order is not null)
            undo.Add(new OrderAdded(order.Id));
        var deals = await dealStages.MoveAsync(customer, stage, context.Parsed.Amount, context.Parsed.Text, context.User.Id, context.InboundMessageId, context.Now, ct);
        undo.AddRange(deals.Undo);
        directory.Invalidate();
        if (stage == FunnelStage.Won && FollowUpCadence.For(stage, customer.Tier, justWon: true) is { } cadence)
        {
            var reminder = await reminders.AddAsync(
                new NewReminder(context.User.Id, customer.Id, context.Now + cadence.After, $"成交回访{name}", "cadence") { InboundMessageId = context.InboundMessageId }, ct);
            undo.Add(new ReminderAdded(reminder.Id));
        }

        var text = $"已更新：{name} {customer.Stage.ChineseName()}→{stage.ChineseName()}"
            + (order is null ? "。" : $"，成交金额 {Common.ChineseFormat.Money(order.Amount)}。")
            + (stage == FunnelStage.Won ? " 恭喜！明天这个时候提醒你做成交回访。" : "")
            + (stage == FunnelStage.Lost ? " 方便的话补一句丢单原因，复盘时用得上。" : "")
            + (deals.Note is null ? "" : "\n" + deals.Note)
            + "\n说错了回复「撤销」。";
        await context.RememberWriteAsync(text, customer.Id, undo, ct);
        return [Reply.Plain(text)];
    }

    /// <summary>A customer already won signs again ("又签了一单，12万"): the contract is an order, the stage stays.</summary>
    private async Task<Reply> RepeatOrderAsync(ConversationContext context, Customer customer, string name, decimal amount, CancellationToken ct)
    {
        var order = await orders.AddAsync(customer.Id, context.Today, amount, ct);
        var text = $"已记录：{name} 新签 {Common.ChineseFormat.Money(amount)}。\n说错了回复「撤销」。";
        await context.RememberWriteAsync(text, customer.Id, [new OrderAdded(order.Id)], ct);
        return Reply.Plain(text);
    }
}
