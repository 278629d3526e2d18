using System.Globalization;
using Bot.Conversations.Common;
using Bot.Conversations.Customers;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;

namespace Bot.Conversations.Reminders;

/// <summary>
/// The 完成 / 推迟1天 / 推迟1周 buttons on a due-reminder card. Keys are "reminder:done:ID" and
/// "reminder:later:DAYS:ID"; only the reminder's own rep can act on it.
/// </summary>
public sealed class ReminderButtons(IReminderRepository reminders, AssignmentNotices assignments) : IDialogStep
{
    private const string Prefix = "reminder:";

    public static IReadOnlyList<ReplyButton> For(long reminderId) =>
    [
        new($"{Prefix}done:{reminderId}", "完成"),
        new($"{Prefix}later:1:{reminderId}", "推迟1天"),
        new($"{Prefix}later:7:{reminderId}", "推迟1周"),
    ];

    public async Task<StepResult?> AnswerAsync(DialogTurn turn, CancellationToken ct) =>
        turn.Message is { Kind: MessageKind.ButtonClick, ButtonKey: { } key } && key.StartsWith(Prefix, StringComparison.Ordinal)
            ? StepResult.Say(await HandleAsync(key, turn.User, turn.Now, ct))
            : null;

    private async Task<Reply> HandleAsync(string key, Team.SalesUser rep, DateTimeOffset now, CancellationToken ct)
    {
        var repId = rep.Id;
        var parts = key[Prefix.Length..].Split(':');
        var today = ChinaTime.DateOf(now);
        if (parts is ["done", var id] && long.TryParse(id, CultureInfo.InvariantCulture, out var doneId))
        {
            if (await reminders.CompleteAsync(doneId, repId, now, ct) is not { } done)
                return Reply.Plain("这条提醒已经处理过了。");
            await assignments.DoneAsync([done], rep, now, how: null, ct);
            return Reply.Plain($"已完成：{done.Note}。");
        }
        if (parts is ["later", var days, var laterId] && int.TryParse(days, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 90
            && long.TryParse(laterId, CultureInfo.InvariantCulture, out var reminderId))
        {
            return await reminders.PostponeAsync(reminderId, repId, TimeSpan.FromDays(n), ct) is { } moved
                ? Reply.Plain($"已推迟到{ChineseFormat.DayAndTime(moved.DueAt, today)}：{moved.Note}。")
                : Reply.Plain("这条提醒已经处理过了。");
        }
        return Reply.Plain("这个按钮已经失效了。");
    }
}
