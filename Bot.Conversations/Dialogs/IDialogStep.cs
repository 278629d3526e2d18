namespace Bot.Conversations.Dialogs;

/// <summary>
/// Gets the first look at a message, before it is understood as a new request: an answer to what the bot asked
/// (which customer, 是 or 不是, 确认删除), a word about the last write (撤销, 不对，是X), a click or an opening.
/// </summary>
public interface IDialogStep
{
    /// <summary>What the step made of the message, or null when it is not the step's to answer.</summary>
    Task<StepResult?> AnswerAsync(DialogTurn turn, CancellationToken ct);
}
