using Bot.Conversations.Common;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Reminders;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Customers;

/// <summary>
/// "刚给星辰的李总打了电话，他嫌贵，下周三再跟进": records the interaction (contact, channel, summary, objections,
/// amount), moves the stage when the message says so (a deal won with an amount is also an order, so the funnel
/// counts it), and schedules the next follow-up — the one the rep named, or the guides' cadence for the stage and
/// tier, saying which. A customer has one open follow-up from the rep: logging moves it rather than adding another.
/// </summary>
public sealed class LogInteractionHandler(
    ICustomerRepository customers, IInteractionRepository interactions, IReminderRepository reminders, IOrderRepository orders,
    CustomerDirectory directory, Playbook.PlaybookSearch playbook, Assistant.IGroundedWriter writer, Deals.DealStageSync dealStages,
    AssignmentNotices assignments) : IIntentHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var parsed = context.Parsed;
        var customer = await customers.GetAsync(context.CustomerId, ct) ?? throw new InvalidOperationException("customer vanished");
        var contact = context.ContactId is { } contactId ? (await customers.ListContactsAsync(customer.Id, ct)).FirstOrDefault(c => c.Id == contactId) : null;
        var interaction = await interactions.AddAsync(new NewInteraction(
            customer.Id, contact?.Id, context.User.Id, parsed.Channel ?? InteractionChannel.Other, context.Now, await SummaryAsync(parsed.Text, ct),
            [.. parsed.Objections.Select(o => o.Code())], parsed.Amount, parsed.Text,
            context.InboundMessageId), ct);
        List<UndoRecord> undo = [new InteractionAdded(interaction.Id)];

        string? previousStage = null;
        var stage = customer.Stage;
        if (parsed.Stage is { } newStage && newStage != customer.Stage
            && await customers.ChangeStageAsync(customer.Id, newStage, context.User.Id, context.Now, ct))
        {
            previousStage = customer.Stage.Code();
            stage = newStage;
            undo.Add(new StageChanged(customer.Id, previousStage, customer.StageChangedAt));
        }

        if (previousStage is not null && stage == FunnelStage.Won && parsed.Amount is { } won)
            undo.Add(new OrderAdded((await orders.AddAsync(customer.Id, context.Today, won, ct)).Id));
        var deals = previousStage is null ? null
            : await dealStages.MoveAsync(customer, stage, parsed.Amount, parsed.Text, context.User.Id, context.InboundMessageId, context.Now, ct);
        undo.AddRange(deals?.Undo ?? []);

        var mine = (await reminders.ListOpenForCustomerAsync(customer.Id, ct)).Where(r => r.RepId == context.User.Id).ToList();
        // An appointment is not the follow-up that moves; one that has taken place is what this report is about.
        foreach (var met in mine.Where(r => r.AppointmentAt <= context.Now))
        {
            if (await reminders.CompleteAsync(met.Id, context.User.Id, context.Now, ct) is not null)
                undo.Add(new ReminderChanged(met.Id, context.User.Id, met.DueAt));
        }
        var open = mine.FirstOrDefault(r => r.AppointmentAt is null);
        // A follow-up the manager assigned is done by this report, not moved: the manager hears what was done.
        Reminder? assigned = null;
        if (open is { AssignedBy: not null } && await reminders.CompleteAsync(open.Id, context.User.Id, context.Now, ct) is { } completed)
        {
            assigned = completed;
            undo.Add(new ReminderChanged(open.Id, context.User.Id, open.DueAt));
            open = null;
        }

        var (dueAt, why) = FollowUp(context, stage, customer.Tier, previousStage is not null);
        Reminder? reminder = null;
        if (dueAt is { } due)
        {
            var source = parsed.FollowUpAt is null ? "cadence" : "interaction";
            if (open is not null && await reminders.TakeOverAsync(open.Id, context.User.Id, due, source, ct) is { } taken)
            {
                reminder = taken;
                undo.Add(new ReminderTakenOver(open.Id, open.DueAt, open.Source));
            }
            else
            {
                reminder = await reminders.AddAsync(new NewReminder(context.User.Id, customer.Id, due, $"跟进{customer.ShortName ?? customer.LegalName}", source)
                    { InboundMessageId = context.InboundMessageId }, ct);
                undo.Add(new ReminderAdded(reminder.Id));
            }
        }
        directory.Invalidate();

        var name = customer.ShortName ?? customer.LegalName;
        var line = $"已记录：{name}{(contact is null ? "" : " · " + contact.Name)} · {(parsed.Channel ?? InteractionChannel.Other).ChineseName()}";
        if (parsed.Objections.Count > 0)
            line += "，异议：" + string.Join("、", parsed.Objections.Select(o => o.ChineseName()));
        if (parsed.Amount is { } amount)
            line += "，金额 " + ChineseFormat.Money(amount);
        if (previousStage is not null)
            line += $"，阶段 {FunnelStages.FromCode(previousStage).ChineseName()}→{stage.ChineseName()}";
        line += "。";
        line += deals?.Note is { } dealNote ? "\n" + dealNote : "";
        line += reminder is null ? "" : $"\n下次跟进：{ChineseFormat.DayAndTime(reminder.DueAt, context.Today)}{(why is null ? "" : $"（{why}）")}。";
        if (parsed.Objections.Count > 0 && await playbook.BestAsync(parsed.Objections[0], parsed.Text, 1, ct, stage) is [var script, ..])
            line += $"\n应对建议（{parsed.Objections[0].ChineseName()}）：{script.Body}";
        if (assigned is not null)
        {
            line += $"\n{assigned.Note.Split('：')[0]}的跟进已完成，我会告诉TA。";
            await assignments.DoneAsync([assigned], context.User, context.Now, $"记录：{interaction.Summary}", ct);
        }
        line += "\n说错了回复「撤销」，或「不对，是某某客户」。";

        await context.RememberWriteAsync(line, customer.Id, undo, ct);
        return [Reply.Plain(line)];
    }

    /// <summary>A date the rep gave wins; otherwise the cadence. A day without a time means 09:00 that day.</summary>
    private static (DateTimeOffset? At, string? Why) FollowUp(ConversationContext context, FunnelStage stage, CustomerTier? tier, bool stageMoved)
    {
        if (context.Parsed.FollowUpDue(new TimeOnly(9, 0)) is { } at)
            return (at, null);
        if (FollowUpCadence.For(stage, tier, justWon: stageMoved && stage == FunnelStage.Won) is not { } suggestion)
            return (null, null);
        var day = ChinaTime.DateOf(context.Now + suggestion.After);
        return (ChinaTime.At(day, new TimeOnly(9, 0)), "按" + suggestion.Why);
    }

    /// <summary>
    /// A long message (a voice-note transcript) is summed up in one sentence when a model is configured; the
    /// message itself, already redacted, is kept beside it as the source.
    /// </summary>
    private async Task<string> SummaryAsync(string text, CancellationToken ct)
    {
        if (text.Length >= Assistant.Confidence.LongText
            && await writer.WriteAsync(new Assistant.GroundedTask("summary", "用一句话概括这条销售跟进记录：客户、沟通方式、对方的态度或异议、下一步。", [text], 60, OneSentence: true), ct) is { } summary)
            return summary;
        return text.Length <= 200 ? text : text[..200] + "…";
    }
}
