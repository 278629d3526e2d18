using Bot.Conversations.Pipeline;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding;
using Bot.Conversations.Understanding.Text;

namespace Bot.Conversations.Dialogs;

/// <summary>
/// One message in, replies out: check the sender is a colleague and apply their scope, let the dialog steps answer
/// what they own (what the bot asked last, 撤销 and corrections, clicks), otherwise understand the message, and
/// hand it to the policy and its intent's handler.
/// </summary>
public sealed class ConversationEngine(
    IUserDirectory users, IDialogStateStore dialogs, DialogSteps steps, MessageUnderstanding understanding, IntentDispatch intents, TimeProvider clock)
    : IConversationEngine
{
    public const string NotAColleague = "你好，这里是公司内部的销售助手，只对本公司员工开放。如需开通请联系管理员。";

    /// <summary>Replies never repeat an ID or bank card number, whatever they quote back.</summary>
    public async Task<IReadOnlyList<Reply>> HandleAsync(IncomingMessage message, CancellationToken ct) =>
        [.. (await AnswerAsync(message, ct)).Select(r => r with { Text = PersonalData.Redact(r.Text).Text })];

    private async Task<IReadOnlyList<Reply>> AnswerAsync(IncomingMessage message, CancellationToken ct)
    {
        var user = await users.FindByWeComIdAsync(message.SenderId, ct);
        if (user is not { Active: true })
            return await RefuseOnceADayAsync(message, ct);
        var now = message.ReceivedAt == default ? clock.GetUtcNow() : message.ReceivedAt;
        var scope = await UserScope.ForAsync(user, users, ct);
        var dialog = await DialogSession.LoadAsync(dialogs, user.WeComUserId, now, ct);
        var turn = new DialogTurn(message, TextNormalizer.Normalize(message.Text), user, scope, dialog, now);

        return await steps.AnswerAsync(turn, ct) switch
        {
            StepResult.Replied replied => replied.Replies,
            StepResult.Act act => act.Prefaced(await intents.DispatchAsync(turn with { Message = act.Message }, act.Parsed, act.Confirmed, ct)),
            _ => await intents.DispatchAsync(turn, await understanding.ReadAsync(turn, ct), confirmed: false, ct),
        };
    }

    /// <summary>
    /// Someone outside the team hears why once a day, not on every message they send. The message that was
    /// answered is remembered, so processing it again after a crash still answers it.
    /// </summary>
    private async Task<IReadOnlyList<Reply>> RefuseOnceADayAsync(IncomingMessage message, CancellationToken ct)
    {
        var key = "refused:" + message.SenderId;
        var answered = message.InboundId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (await dialogs.GetAsync(key, ct) is { } earlier && earlier != answered)
            return [];
        await dialogs.SetAsync(key, answered, TimeSpan.FromDays(1), ct);
        return [Reply.Plain(NotAColleague)];
    }
}
