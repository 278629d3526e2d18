using System.Text.RegularExpressions;
using Bot.Conversations.Customers;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Privacy;

/// <summary>
/// "删除客户星辰的个人信息" (admins only): erasure cannot be undone, so the bot first asks for 确认删除 and acts only
/// on that reply, within ten minutes.
/// </summary>
public sealed partial class ForgetCustomerHandler(ICustomerRecords records, ICustomerRepository customers, CustomerDirectory directory) : IIntentHandler, IDialogStep
{
    public const string ConfirmWord = "确认删除";

    [GeneratedRegex(@"^\s*确认删除\s*[.!]?\s*$")]
    private static partial Regex ConfirmErasure();

    public async Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var customer = await customers.GetAsync(context.CustomerId, ct) ?? throw new InvalidOperationException("customer vanished");
        await context.Dialog.AwaitConfirmationAsync(new PendingConfirmation(customer.Id, context.Now), ct);
        return [Reply.Plain(
            $"确认删除「{customer.LegalName}」的个人信息吗？联系人姓名、电话、生日、沟通记录原文和提醒内容都会抹去，订单金额、阶段和沟通次数匿名保留用于统计。删除后无法恢复。\n" +
            $"回复「{ConfirmWord}」继续，10分钟内有效。")];
    }

    public async Task<StepResult?> AnswerAsync(DialogTurn turn, CancellationToken ct) =>
        ConfirmErasure().IsMatch(turn.Text) ? StepResult.Say(await ConfirmAsync(turn.Dialog, turn.User, turn.Now, ct)) : null;

    private async Task<Reply> ConfirmAsync(DialogSession dialog, SalesUser user, DateTimeOffset now, CancellationToken ct)
    {
        if (user.Role != UserRole.Admin)
            return Reply.Plain(IntentCatalogue.Of(Intent.ForgetCustomer)!.AdminOnlyRefusal!);
        if (dialog.Confirmation is not { } pending)
            return Reply.Plain("没有等待确认的删除。要删除的话，先说「删除客户X的个人信息」。");
        var counts = await records.ForgetAsync(pending.CustomerId, user.Id, "chat:" + user.WeComUserId, now,
            new CustomerMentions(await directory.GetAsync(ct), pending.CustomerId), ct);
        await dialog.ClearAsync(ct);
        directory.Invalidate();
        return counts is null
            ? Reply.Plain("这个客户已经删除过了。")
            : Reply.Plain($"已删除，客户现记为「{ErasedNames.Customer(pending.CustomerId)}」：抹去联系人 {counts.Contacts} 个、沟通记录 {counts.Interactions} 条、" +
                $"提醒 {counts.Reminders} 条、相关消息 {counts.InboundMessages + counts.OutboxMessages} 条。统计数据匿名保留，操作已记入审计日志。");
    }
}
