using System.Text.RegularExpressions;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Team;

namespace Bot.Conversations.Reassignment;

/// <summary>
/// 「把张伟的客户都转给李娜」 / 「刘洋离职了，他的客户分给张伟」 / 「金禾和星辰交给李娜」: a manager within their team, an
/// admin for anyone. Nothing moves before 确认: the bot first says in one line how many customers and WeChat accounts
/// would move. A WeCom transfer cannot be withdrawn, so 撤销 afterwards explains instead of undoing.
/// </summary>
public sealed partial class ReassignCustomersHandler(ReassignmentPlanner planner, CustomerReassignment reassignment) : IIntentHandler, IDialogStep
{
    public const string RepRefusal = "转客户要由主管或管理员来操作。有客户需要换人跟进的话，请和你的主管说。";

    [GeneratedRegex(@"^\s*(确认|确定|确认转移|执行|是|是的|对|好|好的|可以|转吧|ok|yes)\s*[.!~]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ConfirmWords();

    [GeneratedRegex(@"^\s*(取消|算了|不转了|先不转|不用了|不要转了)\s*[.!。！]?\s*$")]
    private static partial Regex CancelWords();

    [GeneratedRegex(@"^\s*(撤销|撤回|取消刚才|undo|撤销刚才的?(转移|操作)?)\s*[.!]?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex UndoWords();

    public async Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        if (context.User.Role == UserRole.Rep)
            return [Reply.Plain(RepRefusal)];
        switch (await planner.FromMessageAsync(context.User, context.Parsed.Text, ct))
        {
            case PlanResult.Ready ready:
                var (_, question) = await reassignment.AskAsync(ready.Plan, ct);
                await context.Dialog.AwaitReassignmentAsync(new PendingReassignment(ready.Plan, context.Now), ct);
                return [Reply.Plain(question)];
            case PlanResult.Say say:
                return [Reply.Plain(say.Text)];
            default:
                throw new InvalidOperationException("unknown plan result");
        }
    }

    /// <summary>确认 or 取消 for the reassignment asked about; 撤销 right after one. Any other message lets the question lapse.</summary>
    public async Task<StepResult?> AnswerAsync(DialogTurn turn, CancellationToken ct)
    {
        if (turn.Dialog.Reassignment is not { } pending)
            return null;
        if (pending.DoneId is not null)
            return UndoWords().IsMatch(turn.Text) ? StepResult.Say(Reply.Plain(ReassignmentText.CannotUndo)) : null;
        if (CancelWords().IsMatch(turn.Text))
        {
            await turn.Dialog.ClearReassignmentAsync(ct);
            return StepResult.Say(Reply.Plain("好的，不转了。"));
        }
        if (!ConfirmWords().IsMatch(turn.Text))
        {
            await turn.Dialog.ClearReassignmentAsync(ct);
            return null;
        }
        if (turn.User.Role == UserRole.Rep)
            return StepResult.Say(Reply.Plain(RepRefusal));
        var done = await reassignment.ExecuteAsync(pending.Plan, turn.User, "chat:" + turn.User.WeComUserId, turn.Now, ct);
        if (done is null)
        {
            await turn.Dialog.ClearReassignmentAsync(ct);
            return StepResult.Say(Reply.Plain("这些客户在确认前已经换了负责人，没有转。"));
        }
        await turn.Dialog.RememberReassignmentAsync(pending with { AskedAt = turn.Now, DoneId = done.Outcome.Id }, ct);
        return StepResult.Say(Reply.Plain(done.Summary));
    }
}
