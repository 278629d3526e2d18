using Bot.Conversations.Customers;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Team;

namespace Bot.Conversations.Dialogs;

/// <summary>
/// The first time a member opens the bot: who it is and three things to try, in their own role and with their own
/// customers' names (a manager is shown the reports: funnel, targets, churn). WeCom reports every opening; only the first gets an answer.
/// </summary>
public sealed class FirstGreeting(IDialogStateStore dialogs, CustomerDirectory directory) : IDialogStep
{
    public async Task<StepResult?> AnswerAsync(DialogTurn turn, CancellationToken ct) =>
        turn.Message.Kind == MessageKind.Enter ? new StepResult.Replied(await GreetAsync(turn.User, ct)) : null;

    private async Task<IReadOnlyList<Reply>> GreetAsync(SalesUser user, CancellationToken ct)
    {
        var key = "greeted:" + user.WeComUserId;
        if (await dialogs.GetAsync(key, ct) is not null)
            return [];
        await dialogs.SetAsync(key, "1", TimeSpan.FromDays(3650), ct);
        string[] tries;
        if (user.Role == UserRole.Rep)
        {
            var view = await directory.GetAsync(ct);
            var mine = view.Customers.Values.Where(c => c.OwnerId == user.Id).OrderBy(c => c.Id).FirstOrDefault();
            var name = mine is null ? "星辰网络" : mine.ShortName ?? mine.LegalName;
            tries = [$"刚给{name}打了电话，他嫌贵，下周三再跟进", "我今天要跟进谁", $"{name}是哪一类客户"];
        }
        else
        {
            tries = ["本周漏斗", "本月目标完成情况", "哪些客户快流失了"];
        }
        var text = $"{user.Name}，你好！我是销售助手，跟客户聊完直接告诉我，我来记录和提醒。可以先试试：\n"
            + string.Concat(tries.Select((t, i) => $"{i + 1}. {t}\n"))
            + "发「帮助」看我能做的全部事情。";
        return [Reply.Plain(text)];
    }
}
