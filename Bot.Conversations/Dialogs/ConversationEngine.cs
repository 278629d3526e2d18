using System.Text.RegularExpressions;
using Bot.Conversations.Assistant;
using Bot.Conversations.Customers;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Dialogs;

/// <summary>
/// One message in, replies out: check the sender is a colleague, apply their scope, settle a pending "which
/// customer?" question, an undo/correction or an erasure's 确认删除, understand the message, refuse admin-only
/// intents to everyone else, make sure the customer is clear (asking once with numbered choices when it is not),
/// and hand over to the intent's handler.
/// </summary>
public sealed partial class ConversationEngine(
    IUserDirectory users, IDialogStateStore dialogs, MessageParser parser, CustomerDirectory directory, ICustomerQueries queries,
    UndoAndCorrection undo, CustomerQuestion question, Reminders.ReminderButtons reminderButtons, Privacy.ForgetCustomerHandler forget,
    IEnumerable<IIntentHandler> handlers, IUnderstandingAssistant assistant, TimeProvider clock) : IConversationEngine
{
    public const string NotAColleague = "你好，这里是公司内部的销售助手，只对本公司员工开放。如需开通请联系管理员。";

    private readonly Dictionary<Intent, IIntentHandler> _handlers = handlers.ToDictionary(h => h.Intent);

    [GeneratedRegex(@"^\s*(撤销|撤回|取消刚才|undo|撤销刚才的?记录)\s*[.!]?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex UndoWords();

    [GeneratedRegex(@"^\s*确认删除\s*[.!]?\s*$")]
    private static partial Regex ConfirmErasure();

    [GeneratedRegex(@"^\s*(不对|错了|不是)\s*[,:]?\s*(应该)?是\s*(?<name>.+)$")]
    private static partial Regex Correction();

    [GeneratedRegex(@"^\s*(第)?(?<n>[1-9])\s*(个|家)?\s*[.!]?\s*$")]
    private static partial Regex ChoiceNumber();

    public async Task<IReadOnlyList<Reply>> HandleAsync(IncomingMessage message, CancellationToken ct)
    {
        var user = await users.FindByWeComIdAsync(message.SenderId, ct);
        if (user is not { Active: true })
            return await RefuseOnceADayAsync(message, ct);
        var now = message.ReceivedAt == default ? clock.GetUtcNow() : message.ReceivedAt;
        var scope = await UserScope.ForAsync(user, users, ct);
        var dialog = await DialogSession.LoadAsync(dialogs, user.WeComUserId, now, ct);
        var text = TextNormalizer.Normalize(message.Text);

        if (message.Kind == MessageKind.Enter)
            return [Reply.Plain(HelpHandler.HelpText)];
        if (message.Kind == MessageKind.ButtonClick && message.ButtonKey?.StartsWith(Reminders.ReminderButtons.Prefix, StringComparison.Ordinal) == true)
            return [await reminderButtons.HandleAsync(message.ButtonKey, user.Id, now, ct)];
        if (message.Kind == MessageKind.ButtonClick && message.ButtonKey?.StartsWith("pick:", StringComparison.Ordinal) == true
            && long.TryParse(message.ButtonKey["pick:".Length..], out var picked) && dialog.Pending is { } clicked && clicked.CustomerIds.Contains(picked))
            return await ResumeAsync(message, user, scope, dialog, clicked, picked, now, ct);
        if (UndoWords().IsMatch(text))
            return [await undo.UndoAsync(dialog, user.Id, now, ct)];
        if (ConfirmErasure().IsMatch(text))
            return [await forget.ConfirmAsync(dialog, user, now, ct)];
        if (Correction().Match(text) is { Success: true } correction && dialog.Last is not null)
            return await CorrectAsync(correction.Groups["name"].Value, user, scope, dialog, now, ct);
        if (dialog.Pending is { } pending && await ChoiceIn(text, pending, ct) is { } chosen)
            return await ResumeAsync(message, user, scope, dialog, pending, chosen, now, ct);

        var parsed = await parser.ParseAsync(message.Text, scope, now, ct);
        // Rules first; the optional model reads only what they were unsure of, and its reading is validated
        // against the user's own customers before it replaces theirs. The same handlers and scope checks follow.
        if (Confidence.IsLow(parsed) && await assistant.ReconsiderAsync(message.Text, parsed, scope, now, ct) is { } reading)
            parsed = reading;
        return await DispatchAsync(message, user, scope, dialog, parsed, now, ct);
    }

    private async Task<IReadOnlyList<Reply>> DispatchAsync(
        IncomingMessage message, SalesUser user, UserScope scope, DialogSession dialog, ParsedMessage parsed, DateTimeOffset now, CancellationToken ct)
    {
        if (!_handlers.TryGetValue(parsed.Intent, out var handler))
            return [Reply.Plain(Unknown(parsed))];
        if (handler is IAdminOnly adminOnly && user.Role != UserRole.Admin)
            return [Reply.Plain(adminOnly.Refusal)];

        switch (parsed.Customer)
        {
            case CustomerResolution.OutOfScope outOfScope when handler.Needs != CustomerNeed.None:
                return [Reply.Plain($"「{outOfScope.Mention}」不在你负责的客户范围内，我没法查看或修改。需要的话请找你的主管。")];
            case CustomerResolution.Ambiguous ambiguous when handler.Needs != CustomerNeed.None:
                return [await question.AskAsync(dialog, parsed, $"你说的「{ambiguous.Mention}」是哪一家？", ambiguous.CustomerIds, now, ct)];
            case CustomerResolution.NotMentioned when handler.Needs == CustomerNeed.Required:
                var recent = await queries.RecentlyTouchedAsync(user.Id, 5, ct);
                if (recent.Count == 0)
                    return [Reply.Plain("是哪个客户？请带上客户名称再说一次，比如「星辰网络 李总 电话 嫌贵」。")];
                return [await question.AskAsync(dialog, parsed, "是哪个客户？最近跟进的有：", recent, now, ct)];
        }

        var context = new ConversationContext(message, user, scope, parsed, dialog, now);
        var replies = await handler.HandleAsync(context, ct);
        return parsed.PersonalDataRedacted
            ? [Reply.Plain("提醒：消息里有身份证号或银行卡号，按隐私规定已隐去，没有保存。"), .. replies]
            : replies;
    }

    /// <summary>"2", "第二个" or (part of) one of the offered names.</summary>
    private async Task<long?> ChoiceIn(string text, PendingChoice pending, CancellationToken ct)
    {
        if (ChoiceNumber().Match(text) is { Success: true } number)
        {
            var n = int.Parse(number.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
            return n <= pending.CustomerIds.Count ? pending.CustomerIds[n - 1] : null;
        }
        if (text.Length > 20)
            return null;
        var view = await directory.GetAsync(ct);
        var named = view.Index.Find(text).SelectMany(m => m.CustomerIds.Concat(m.Contacts.Select(c => c.CustomerId)))
            .Where(pending.CustomerIds.Contains).Distinct().ToList();
        return named.Count == 1 ? named[0] : null;
    }

    private async Task<IReadOnlyList<Reply>> ResumeAsync(
        IncomingMessage message, SalesUser user, UserScope scope, DialogSession dialog, PendingChoice pending, long customerId, DateTimeOffset now, CancellationToken ct)
    {
        await dialog.ClearPendingAsync(ct);
        var parsed = await parser.ParseAsync(pending.Text, scope, now, ct, customerId);
        return await DispatchAsync(message, user, scope, dialog, parsed with { Intent = pending.Intent }, now, ct);
    }

    private async Task<IReadOnlyList<Reply>> CorrectAsync(string name, SalesUser user, UserScope scope, DialogSession dialog, DateTimeOffset now, CancellationToken ct)
    {
        var parsed = await parser.ParseAsync(name, scope, now, ct);
        return parsed.Customer switch
        {
            CustomerResolution.Resolved resolved => [await undo.MoveToAsync(dialog, resolved.CustomerId, ct)],
            CustomerResolution.OutOfScope o => [Reply.Plain($"「{o.Mention}」不在你负责的客户范围内，没法改到它名下。")],
            CustomerResolution.Ambiguous a => [Reply.Plain($"「{a.Mention}」对应好几家客户，请说全称。")],
            _ => [Reply.Plain($"没找到客户「{name}」，请说客户全称或简称。")],
        };
    }

    private static string Unknown(ParsedMessage parsed) => parsed.Customer switch
    {
        CustomerResolution.OutOfScope o => $"「{o.Mention}」不在你负责的客户范围内，我没法查看或修改。",
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
