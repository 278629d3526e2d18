using System.Text.RegularExpressions;
using Bot.Conversations.Customers;
using Bot.Conversations.Pipeline;

namespace Bot.Conversations.Dialogs;

/// <summary>
/// 撤销 takes the last write back completely (within ten minutes) through the undo records it left: the
/// interaction, the reminder it created or the ones it moved, the stage with its history entry, the order, a
/// customer it created.
/// </summary>
public sealed partial class UndoLastWrite(WriteStores stores, CustomerDirectory directory) : IDialogStep
{
    [GeneratedRegex(@"^\s*(撤销|撤回|取消刚才|undo|撤销刚才的?记录)\s*[.!]?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex UndoWords();

    /// <summary>The message asks to undo the last write.</summary>
    public static bool Means(string text) => UndoWords().IsMatch(text);

    public async Task<StepResult?> AnswerAsync(DialogTurn turn, CancellationToken ct) =>
        Means(turn.Text) ? StepResult.Say(await UndoAsync(turn.Dialog, ct)) : null;

    public async Task<Reply> UndoAsync(DialogSession dialog, CancellationToken ct)
    {
        if (dialog.Last is not { } last)
            return Reply.Plain("没有可以撤销的记录（只能撤销10分钟内的最后一次操作）。");
        // Newest first, so nothing is taken back while something made after it still leans on it.
        foreach (var record in last.Undo.Reverse())
            await record.TakeBackAsync(stores, ct);
        directory.Invalidate();
        await dialog.ForgetWriteAsync(ct);
        return Reply.Plain("已撤销刚才的记录。");
    }
}
