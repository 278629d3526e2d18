using Bot.Conversations.Merging;
using Bot.Conversations.Care;
using Bot.Conversations.Privacy;
using Bot.Conversations.Reassignment;
using Bot.Conversations.Records;
using Bot.Conversations.Reminders;

namespace Bot.Conversations.Dialogs;

/// <summary>
/// The steps that look at a message before it is understood, in the order they are asked; the first to answer
/// wins. The order settles overlaps: 「不对，是成都星辰」 while a 「哪一家？」 is open corrects the last write rather
/// than picking a choice; 撤销 right after a reassignment explains why it stays rather than undoing the write before it, and
/// right after a merge is the merge's own (it says what came back); 「渠道是拜访」 fixes the last interaction's channel before
/// 「不对，是X」 could read 拜访 as a customer; 「确认」 or 「撤销」 while a fix to an earlier record waits answers that fix, not an
/// erasure or the last write.
/// </summary>
public sealed class DialogSteps(
    FirstGreeting greeting, ReminderButtons reminderButtons, GreetingButtons greetingButtons, RecordChangeAnswer recordFix, WriteConfirmation confirmation,
    UndoLastWrite undo, ForgetCustomerHandler erasure, MergeConfirmation merge, CorrectLastWrite correction, FixLastInteraction fix, CustomerQuestion question,
    ListPages pages, ReassignCustomersHandler reassignment)
{
    // Paging goes first so that any other message, whichever step answers it, drops the rest of the list.
    private readonly IDialogStep[] _inOrder =
        [pages, greeting, reminderButtons, greetingButtons, recordFix, confirmation, reassignment, merge, undo, erasure, fix, correction, question];

    public async Task<StepResult?> AnswerAsync(DialogTurn turn, CancellationToken ct)
    {
        foreach (var step in _inOrder)
        {
            if (await step.AnswerAsync(turn, ct) is { } result)
                return result;
        }
        // A write waiting for 是, or a fix waiting for 确认, lapses with any other message; a 「哪一家？」 stays open until the next write.
        if (turn.Dialog.Write is not null)
            await turn.Dialog.ClearWriteAsync(ct);
        if (turn.Dialog.RecordFix is not null)
            await turn.Dialog.AwaitRecordChangeAsync(null, ct);
        return null;
    }
}
