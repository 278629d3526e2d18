using System.Text.RegularExpressions;
using Bot.Conversations.Customers;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Dialogs;

/// <summary>
/// An understood message to its intent's handler: the policy decides (<see cref="ActionPolicy"/>: read, ask,
/// confirm a doubtful write, or write), the customer it needs is checked or asked for, and the handler answers.
/// </summary>
public sealed partial class IntentDispatch(
    CustomerQuestion question, WriteConfirmation confirmation, ICustomerQueries queries, Reminders.AppointmentOutcomes outcomes,
    IEnumerable<IIntentHandler> handlers, ConversationMetrics metrics)
{
    private readonly Dictionary<Intent, IIntentHandler> _handlers =
        handlers.ToDictionary(h => IntentCatalogue.OfHandler(h.GetType())?.Intent ?? throw new InvalidOperationException($"{h.GetType().Name} is not in the intent catalogue"));

    // A greeting gets what the bot can do, rather than "not understood".
    [GeneratedRegex(@"^\s*(你好|您好|hi|hello|hey|在吗|在不在|哈喽|嗨|早|早上好|上午好|下午好|晚上好|你好啊|您好啊)\s*[!.?~]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Greeting();

    /// <param name="confirmed">The user already said yes to this write, so it is acted on without asking again.</param>
    public async Task<IReadOnlyList<Reply>> DispatchAsync(DialogTurn turn, ParsedMessage parsed, bool confirmed, CancellationToken ct)
    {
        var (message, user, dialog, now) = (turn.Message, turn.User, turn.Dialog, turn.Now);
        if (await AnsweringAppointmentAsync(parsed, user, now, ct) is { } answer)
        {
            if (answer.Intent == Intent.LogInteraction && parsed.Intent == Intent.LogInteraction)
                parsed = answer;
            else
                return [await confirmation.AskAsync(dialog, message, answer with { Doubts = Doubts.UnsureIntent }, now, ct)];
        }
        var decision = ActionPolicy.Decide(parsed, turn.Scope);
        metrics.Decided(DecisionName(decision, confirmed));
        if (!_handlers.TryGetValue(parsed.Intent, out var handler) || IntentCatalogue.Of(parsed.Intent) is not { } spec)
            return [Reply.Plain(Unknown(parsed))];
        if (spec.AdminOnlyRefusal is { } refusal && user.Role != UserRole.Admin)
            return [Reply.Plain(refusal)];

        switch (parsed.Customer)
        {
            case CustomerResolution.OutOfScope outOfScope when spec.Customer != CustomerNeed.None:
                return [Reply.Plain($"「{outOfScope.Mention}」不在你负责的客户范围内，我没法查看或修改。需要的话请找你的主管。")];
            case CustomerResolution.Ambiguous ambiguous when spec.Customer != CustomerNeed.None:
                return [await question.AskAsync(dialog, message.Text, parsed, $"你说的「{ambiguous.Mention}」是哪一家？", ambiguous.CustomerIds, now, ct)];
            case CustomerResolution.NotMentioned when spec.Customer == CustomerNeed.Required:
                var recent = await queries.RecentlyTouchedAsync(user.Id, 5, ct);
                if (recent.Count == 0)
                    return [Reply.Plain("是哪个客户？请带上客户名称再说一次，比如「星辰网络 李总 电话 嫌贵」。")];
                return [await question.AskAsync(dialog, message.Text, parsed, "是哪个客户？最近跟进的有：", recent, now, ct)];
        }

        // A doubtful write is asked about in one line; nothing is stored until the user says 是.
        if (!confirmed && decision == UnderstandingAction.Confirm && !spec.AlwaysConfirms)
            return [await confirmation.AskAsync(dialog, message, parsed, now, ct)];

        var context = new ConversationContext(message, user, turn.Scope, parsed, dialog, now);
        var replies = await handler.HandleAsync(context, ct);
        return parsed.PersonalDataRedacted
            ? [Reply.Plain("提醒：消息里有身份证号或银行卡号，按隐私规定已隐去，没有保存。"), .. replies]
            : replies;
    }

    /// <summary>
    /// A report with no customer named, while the bot waits to hear how an appointment went, is about that
    /// appointment: read as its interaction, through the appointment's channel unless the message names one. A message
    /// the bot did not understand is only offered as that report, to be confirmed in one line.
    /// </summary>
    private async Task<ParsedMessage?> AnsweringAppointmentAsync(ParsedMessage parsed, SalesUser user, DateTimeOffset now, CancellationToken ct)
    {
        if (parsed.Customer is not CustomerResolution.NotMentioned)
            return null;
        var report = parsed.Intent == Intent.LogInteraction
            || (parsed.Intent == Intent.Unknown && parsed.Text.Trim().Length >= 4 && !Greeting().IsMatch(parsed.Text) && !Thanks().IsMatch(parsed.Text));
        if (!report || await outcomes.AwaitedAsync(user.Id, now, ct) is not { } awaited)
            return null;
        return parsed with
        {
            Intent = Intent.LogInteraction,
            Customer = new CustomerResolution.Resolved(awaited.CustomerId, null, ""),
            Channel = parsed.Channel ?? awaited.Channel,
        };
    }

    [GeneratedRegex(@"^\s*(谢谢|谢了|多谢|感谢|thanks|thank you|收到|知道了|好的|好滴|ok)\s*[!.~]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Thanks();

    /// <summary>The policy's decision as the metric names it; a write the user already confirmed is acted on.</summary>
    private static string DecisionName(UnderstandingAction decision, bool confirmed) => decision switch
    {
        UnderstandingAction.None => "none",
        UnderstandingAction.Ask => "ask",
        UnderstandingAction.Confirm when !confirmed => "confirm",
        _ => "act",
    };

    private static string Unknown(ParsedMessage parsed) => parsed.Customer switch
    {
        CustomerResolution.OutOfScope o => $"「{o.Mention}」不在你负责的客户范围内，我没法查看或修改。",
        _ when Greeting().IsMatch(parsed.Text) => HelpHandler.HelpText,
        _ => "没太明白你的意思。可以直接说跟客户的沟通情况，比如「刚给星辰的李总打了电话，他嫌贵，下周三再跟进」；发「帮助」看我能做什么。",
    };
}
