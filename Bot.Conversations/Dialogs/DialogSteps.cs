using Bot.Conversations.Care;
using Bot.Conversations.Privacy;
using Bot.Conversations.Reminders;

namespace Bot.Conversations.Dialogs;

/// <summary>
/// The steps that look at a message before it is understood, in the order they are asked; the first to answer
/// wins. The order settles overlaps: 「不对，是成都星辰」 while a 「哪一家？」 is open corrects the last write rather
/// than picking a choice; 「渠道是拜访」 fixes the last interaction's channel before 「不对，是X」 could read 拜访 as a customer.
/// </summary>
public sealed class DialogSteps(
    FirstGreeting greeting, ReminderButtons reminderButtons, GreetingButtons greetingButtons, WriteConfirmation confirmation, UndoLastWrite undo,
    ForgetCustomerHandler erasure, CorrectLastWrite correction, FixLastInteraction fix, CustomerQuestion question, ListPages pages)
{
    // Paging goes first so that any other message, whichever step answers it, drops the rest of the list.
    private readonly IDialogStep[] _inOrder = [pages, greeting, reminderButtons, greetingButtons, confirmation, undo, erasure, fix, correction, question];

    public async Task<StepResult?> AnswerAsync(DialogTurn turn, CancellationToken ct)
    {
        foreach (var step in _inOrder)
        {
            if (await step.AnswerAsync(turn, ct) is { } result)
                return result;
        }
        // A write waiting for 是 lapses with any other message; a 「哪一家？」 stays open until the next write.
        if (turn.Dialog.Write is not null)
            await turn.Dialog.ClearWriteAsync(ct);
        return null;
    }
}
