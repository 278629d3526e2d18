using System.Globalization;
using Bot.Conversations.Common;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Care;

/// <summary>
/// The 「这次不发」 button on a greeting. Its key, "greeting:skip:CUSTOMER:KEY", names the greeting, which is looked up
/// again in the clicking user's scope and skipped as 「跳过…」 in words would be, with 撤销.
/// </summary>
public sealed class GreetingButtons(CarePreview preview, GreetingChanger changer) : IDialogStep
{
    private const string Prefix = "greeting:skip:";

    public static ReplyButton Skip(GreetingAhead greeting, string text) =>
        new(FormattableString.Invariant($"{Prefix}{greeting.Candidate.CustomerId}:{greeting.Due.Key}"), text);

    public async Task<StepResult?> AnswerAsync(DialogTurn turn, CancellationToken ct)
    {
        if (turn.Message is not { Kind: MessageKind.ButtonClick, ButtonKey: { } key } || !key.StartsWith(Prefix, StringComparison.Ordinal))
            return null;
        var parts = key[Prefix.Length..].Split(':', 2);
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var customerId))
            return StepResult.Say(Reply.Plain("这个按钮已经失效了。"));
        var today = ChinaTime.DateOf(turn.Now);
        var ahead = await preview.BetweenAsync(turn.Scope, customerId, today, today.AddDays(CarePreview.YearAhead), ct);
        if (GreetingAhead.NextOfEach(ahead).FirstOrDefault(g => g.Due.Key == parts[1]) is not { } greeting)
            return StepResult.Say(Reply.Plain("这条祝福已经不在计划里了（可能已经过了日子，或对方退订了）。"));
        var (reply, undo) = await changer.ChangeAsync(greeting, null, turn.User.Id, turn.Now, ct);
        if (undo is not null)
        {
            await turn.Dialog.RememberWriteAsync(
                new LastWrite(reply.Text, customerId, [undo], $"跳过{GreetingWords.Reference(greeting)}", Intent.ChangeGreeting, turn.Message.InboundId, turn.Now), ct);
        }
        return StepResult.Say(reply);
    }
}
