using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Reminders;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Customers;

/// <summary>"金桥签了" / "东方百货黄了" / "天元转意向": moves the stage with history; a won deal gets its 24-hour check-in.</summary>
public sealed class UpdateStageHandler(ICustomerRepository customers, IReminderRepository reminders, CustomerDirectory directory) : IIntentHandler
{
    public Intent Intent => Intent.UpdateStage;

    public CustomerNeed Needs => CustomerNeed.Required;

    public async Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var customer = await customers.GetAsync(context.CustomerId, ct) ?? throw new InvalidOperationException("customer vanished");
        var name = customer.ShortName ?? customer.LegalName;
        if (context.Parsed.Stage is not { } stage)
            return [Reply.Plain($"{name}要改成哪个阶段？潜在、意向、洽谈、成交还是流失？")];
        if (stage == customer.Stage)
            return [Reply.Plain($"{name}已经是「{stage.ChineseName()}」阶段了，没有改动。")];

        await customers.ChangeStageAsync(customer.Id, stage, context.User.Id, context.Now, ct);
        directory.Invalidate();
        Reminder? reminder = null;
        if (stage == FunnelStage.Won && FollowUpCadence.For(stage, customer.Tier, justWon: true) is { } cadence)
            reminder = await reminders.AddAsync(context.User.Id, customer.Id, context.Now + cadence.After, $"成交回访{name}", "cadence", ct);

        var text = $"已更新：{name} {customer.Stage.ChineseName()}→{stage.ChineseName()}。"
            + (stage == FunnelStage.Won ? " 恭喜！明天这个时候提醒你做成交回访。" : "")
            + (stage == FunnelStage.Lost ? " 方便的话补一句丢单原因，复盘时用得上。" : "")
            + "\n说错了回复「撤销」。";
        await context.Dialog.RememberWriteAsync(new LastWrite(text, customer.Id, null, reminder?.Id, customer.Stage.Code(), context.Now), ct);
        return [Reply.Plain(text)];
    }
}
