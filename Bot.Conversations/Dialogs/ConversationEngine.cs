using System.Text.RegularExpressions;
using Bot.Conversations.Assistant;
using Bot.Conversations.Customers;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding;
using Bot.Conversations.Understanding.Text;

namespace Bot.Conversations.Dialogs;

/// <summary>
/// One message in, replies out: check the sender is a colleague, apply their scope, settle what the bot asked last
/// (a write to confirm, "which customer?", an erasure's 确认删除), an undo or a correction, understand the message,
/// decide what to do with it (<see cref="ActionPolicy"/>: read, ask, confirm a doubtful write, or write), and hand
/// over to the intent's handler.
/// </summary>
public sealed partial class ConversationEngine(
    IUserDirectory users, IDialogStateStore dialogs, MessageParser parser, CustomerDirectory directory, ICustomerQueries queries,
    UndoAndCorrection undo, CustomerQuestion question, WriteConfirmation confirmation, FirstGreeting greeting, Reminders.ReminderButtons reminderButtons,
    Privacy.ForgetCustomerHandler forget, IEnumerable<IIntentHandler> handlers, IUnderstandingAssistant assistant, ConversationMetrics metrics, TimeProvider clock) : IConversationEngine
{
    public const string NotAColleague = "你好，这里是公司内部的销售助手，只对本公司员工开放。如需开通请联系管理员。";

    private readonly Dictionary<Intent, IIntentHandler> _handlers =
        handlers.ToDictionary(h => IntentCatalogue.OfHandler(h.GetType())?.Intent ?? throw new InvalidOperationException($"{h.GetType().Name} is not in the intent catalogue"));

    [GeneratedRegex(@"^\s*(撤销|撤回|取消刚才|undo|撤销刚才的?记录)\s*[.!]?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex UndoWords();

    [GeneratedRegex(@"^\s*确认删除\s*[.!]?\s*$")]
    private static partial Regex ConfirmErasure();

    // 不对，是X · 哦不对 记错了 是广州瑞丰 · 搞错了，应该是X · 不是星辰是金禾 · 客户说错了，X
    [GeneratedRegex(@"^\s*(哦|噢|啊|呃|嗯|哎)?\s*[,!]?\s*(不对|错了|搞错了|记错了|说错了|弄错了|写错了|打错了|我说错了|客户错了|客户说错了|客户弄错了|不是这家)[,!.\s]*(?:不对|记错了|搞错了|说错了)?[,!.\s]*(应该|其实|我是说|我说的)?\s*(是)?\s*(?<name>[^,!.?]{2,24}?)\s*(才对|那家|吧)?\s*[.!]?$")]
    private static partial Regex Correction();

    [GeneratedRegex(@"^\s*不是\s*(?<wrong>[^,]{2,12}?)\s*[,\s]*(而)?是\s*(?<name>[^,!.?]{2,24}?)\s*[.!]?$")]
    private static partial Regex NotThisButThat();

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
        var text = TextNormalizer.Normalize(message.Text);

        if (message.Kind == MessageKind.Enter)
            return await greeting.GreetAsync(user, ct);
        if (message.Kind == MessageKind.ButtonClick && message.ButtonKey?.StartsWith(Reminders.ReminderButtons.Prefix, StringComparison.Ordinal) == true)
            return [await reminderButtons.HandleAsync(message.ButtonKey, user.Id, now, ct)];
        if (dialog.Write is { } pendingWrite && WriteConfirmation.Answer(message, text) is { } answer)
            return await SettleWriteAsync(message, user, scope, dialog, pendingWrite, answer, now, ct);
        if (message.Kind == MessageKind.ButtonClick && message.ButtonKey?.StartsWith("pick:", StringComparison.Ordinal) == true
            && long.TryParse(message.ButtonKey["pick:".Length..], out var picked) && dialog.Pending is { } clicked && clicked.CustomerIds.Contains(picked))
            return await ResumeAsync(message, user, scope, dialog, clicked, picked, now, ct);
        if (UndoWords().IsMatch(text))
            return [await undo.UndoAsync(dialog, user.Id, now, ct)];
        if (ConfirmErasure().IsMatch(text))
            return [await forget.ConfirmAsync(dialog, user, now, ct)];
        if (dialog.Last is not null && (Correction().Match(text) is { Success: true } correction ? correction : NotThisButThat().Match(text)) is { Success: true } corrected)
            return await CorrectAsync(message, corrected.Groups["name"].Value, user, scope, dialog, now, ct);
        if (dialog.Pending is { } pending && ChoiceAnswer.Pick(text, pending.CustomerIds, await directory.GetAsync(ct)) is { } chosen)
            return await ResumeAsync(message, user, scope, dialog, pending, chosen, now, ct);
        if (dialog.Write is not null)
            await dialog.ClearWriteAsync(ct);

        var parsed = await parser.ParseAsync(message.Text, scope, now, ct);
        // The classifiers first; the optional model reads only what they were unsure of, and its reading is
        // validated against the user's own customers before it replaces theirs. The same policy, handlers and scope checks follow.
        if (Confidence.IsLow(parsed) && await assistant.ReconsiderAsync(message.Text, parsed, scope, now, await directory.GetAsync(ct), ct) is { } reading)
        {
            parsed = reading;
            metrics.Decided("model");
        }
        return await DispatchAsync(message, user, scope, dialog, parsed, now, ct);
    }

    private async Task<IReadOnlyList<Reply>> DispatchAsync(
        IncomingMessage message, SalesUser user, UserScope scope, DialogSession dialog, ParsedMessage parsed, DateTimeOffset now, CancellationToken ct,
        bool confirmed = false)
    {
        var decision = ActionPolicy.Decide(parsed, scope);
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
                return [await question.AskAsync(dialog, parsed, $"你说的「{ambiguous.Mention}」是哪一家？", ambiguous.CustomerIds, now, ct)];
            case CustomerResolution.NotMentioned when spec.Customer == CustomerNeed.Required:
                var recent = await queries.RecentlyTouchedAsync(user.Id, 5, ct);
                if (recent.Count == 0)
                    return [Reply.Plain("是哪个客户？请带上客户名称再说一次，比如「星辰网络 李总 电话 嫌贵」。")];
                return [await question.AskAsync(dialog, parsed, "是哪个客户？最近跟进的有：", recent, now, ct)];
        }

        // A doubtful write is asked about in one line; nothing is stored until the user says 是.
        if (!confirmed && decision == UnderstandingAction.Confirm && !spec.AlwaysConfirms)
            return [await confirmation.AskAsync(dialog, message, parsed, now, ct)];

        var context = new ConversationContext(message, user, scope, parsed, dialog, now);
        var replies = await handler.HandleAsync(context, ct);
        return parsed.PersonalDataRedacted
            ? [Reply.Plain("提醒：消息里有身份证号或银行卡号，按隐私规定已隐去，没有保存。"), .. replies]
            : replies;
    }

    /// <summary>The policy's decision as the metric names it; a write the user already confirmed is acted on.</summary>
    private static string DecisionName(UnderstandingAction decision, bool confirmed) => decision switch
    {
        UnderstandingAction.None => "none",
        UnderstandingAction.Ask => "ask",
        UnderstandingAction.Confirm when !confirmed => "confirm",
        _ => "act",
    };

    private async Task<IReadOnlyList<Reply>> ResumeAsync(
        IncomingMessage message, SalesUser user, UserScope scope, DialogSession dialog, PendingChoice pending, long customerId, DateTimeOffset now, CancellationToken ct)
    {
        await dialog.ClearPendingAsync(ct);
        var parsed = await parser.ParseAsync(pending.Text, scope, now, ct, customerId);
        return await DispatchAsync(message, user, scope, dialog, parsed with { Intent = pending.Intent }, now, ct);
    }

    /// <summary>是 stores the write as it was read (at the proposed morning time, if one was proposed); 不是 drops it.</summary>
    private async Task<IReadOnlyList<Reply>> SettleWriteAsync(
        IncomingMessage message, SalesUser user, UserScope scope, DialogSession dialog, PendingWrite pending, string answer, DateTimeOffset now, CancellationToken ct)
    {
        await dialog.ClearWriteAsync(ct);
        if (answer == WriteConfirmation.No)
            return [Reply.Plain("好的，没有记录。")];
        var view = await directory.GetAsync(ct);
        var parsed = MessageParser.Parse(pending.Text, scope, now, view, pending.CustomerId, pending.Intent);
        if (answer == WriteConfirmation.Yes && pending.ProposedFollowUp is { } morning)
            parsed = parsed with { FollowUpAt = morning, FollowUpHasTime = true };
        var original = message with { Text = pending.Text, InboundId = pending.InboundId == 0 ? message.InboundId : pending.InboundId, Kind = MessageKind.Text, ButtonKey = null };
        return await DispatchAsync(original, user, scope, dialog, parsed, now, ct, confirmed: true);
    }

    /// <summary>
    /// "不对，是X" in any phrasing: the last write is taken back and the same message is handled again for X, so
    /// everything else it said (channel, objection, follow-up, stage) stays as it was; 撤销 afterwards undoes the
    /// corrected write.
    /// </summary>
    private async Task<IReadOnlyList<Reply>> CorrectAsync(
        IncomingMessage message, string name, SalesUser user, UserScope scope, DialogSession dialog, DateTimeOffset now, CancellationToken ct)
    {
        var last = dialog.Last!;
        var view = await directory.GetAsync(ct);
        var target = CustomerResolution.Resolve(view.Index.Find(TextNormalizer.Normalize(name)), view.OwnerOf, scope);
        switch (target)
        {
            case CustomerResolution.OutOfScope o:
                return [Reply.Plain($"「{o.Mention}」不在你负责的客户范围内，没法改到它名下。")];
            case CustomerResolution.Ambiguous a:
                return [Reply.Plain($"「{a.Mention}」对应好几家客户，请说全称，比如「不对，是{view.Customers[a.CustomerIds[0]].LegalName}」。")];
            case CustomerResolution.NotMentioned:
                return [Reply.Plain($"没找到客户「{name}」，请说客户全称或简称。")];
        }
        var resolved = (CustomerResolution.Resolved)target;
        if (last.Text is null || last.Intent is not { } intent)
            return [await undo.MoveToAsync(dialog, resolved.CustomerId, ct)];
        if (resolved.CustomerId == last.CustomerId)
            return [Reply.Plain("刚才记的就是这家客户，没有改动。")];
        await undo.UndoAsync(dialog, user.Id, now, ct);
        var parsed = MessageParser.Parse(last.Text, scope, now, view, resolved.CustomerId, intent);
        var original = message with { Text = last.Text, InboundId = last.InboundId };
        var replies = await DispatchAsync(original, user, scope, dialog, parsed, now, ct, confirmed: true);
        var moved = view.Customers[resolved.CustomerId].ShortName ?? view.Customers[resolved.CustomerId].LegalName;
        return replies.Count == 0 ? replies : [replies[0] with { Text = $"已更正，改记到{moved}名下。\n" + replies[0].Text }, .. replies.Skip(1)];
    }

    // A greeting gets what the bot can do, rather than "not understood".
    [GeneratedRegex(@"^\s*(你好|您好|hi|hello|hey|在吗|在不在|哈喽|嗨|早|早上好|上午好|下午好|晚上好|你好啊|您好啊)\s*[!.?~]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Greeting();

    private static string Unknown(ParsedMessage parsed) => parsed.Customer switch
    {
        CustomerResolution.OutOfScope o => $"「{o.Mention}」不在你负责的客户范围内，我没法查看或修改。",
        _ when Greeting().IsMatch(parsed.Text) => HelpHandler.HelpText,
        _ => "没太明白你的意思。可以直接说跟客户的沟通情况，比如「刚给星辰的李总打了电话，他嫌贵，下周三再跟进」；发「帮助」看我能做什么。",
    };

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
