using System.Text.RegularExpressions;
using Bot.Conversations.Common;
using Bot.Conversations.Customers;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Dialogs;

/// <summary>
/// A write the bot is not sure of, asked in one line before anything is stored: «记为：北京宏达 · 电话（没联系上）·
/// 下次跟进 12月2日？». 是 (or the button) stores it; 不是 drops it; anything else is read as a new message.
/// </summary>
public sealed partial class WriteConfirmation(CustomerDirectory directory) : IDialogStep
{
    private const string Yes = "write:yes";
    private const string Keep = "write:keep";
    private const string No = "write:no";

    [GeneratedRegex(@"^\s*(是|是的|对|对的|确认|好|好的|嗯|ok|okay|yes|y|可以|没错|记吧|记上|记一下|行|对头|没问题)\s*[.!~]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex YesWords();

    [GeneratedRegex(@"^\s*(不是|不对|不用|取消|算了|别记|不要|no|n|不|错了|不记)\s*[.!~]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex NoWords();

    [GeneratedRegex(@"^\s*(按原时间|原时间|不用改|就这个时间|就按原来的|保持原时间)\s*[.!~]*\s*$")]
    private static partial Regex KeepWords();

    /// <summary>是 stores the write as it was read (at the proposed morning time, if one was proposed); 不是 drops it.</summary>
    public async Task<StepResult?> AnswerAsync(DialogTurn turn, CancellationToken ct)
    {
        if (turn.Dialog.Write is not { } pending || Answer(turn.Message, turn.Text) is not { } answer)
            return null;
        await turn.Dialog.ClearWriteAsync(ct);
        if (answer == No)
            return StepResult.Say(Reply.Plain("好的，没有记录。"));
        var view = await directory.GetAsync(ct);
        var parsed = MessageParser.Parse(pending.Text, turn.Scope, turn.Now, view, pending.CustomerId, pending.Intent);
        if (answer == Yes && pending.ProposedFollowUp is { } morning)
            parsed = parsed with { FollowUpAt = morning, FollowUpHasTime = true };
        var original = turn.Message with
        {
            Text = pending.Text, InboundId = pending.InboundId == 0 ? turn.Message.InboundId : pending.InboundId, Kind = MessageKind.Text, ButtonKey = null,
        };
        return new StepResult.Act(original, parsed, Confirmed: true);
    }

    /// <summary>What an answer to the pending question says: <see cref="Yes"/>, <see cref="Keep"/>, <see cref="No"/> or null (a new message).</summary>
    private static string? Answer(IncomingMessage message, string normalizedText) =>
        message.Kind == MessageKind.ButtonClick && message.ButtonKey is Yes or Keep or No ? message.ButtonKey
        : YesWords().IsMatch(normalizedText) ? Yes
        : NoWords().IsMatch(normalizedText) ? No
        : KeepWords().IsMatch(normalizedText) ? Keep
        : null;

    public async Task<Reply> AskAsync(DialogSession dialog, IncomingMessage message, ParsedMessage parsed, DateTimeOffset now, CancellationToken ct)
    {
        var view = await directory.GetAsync(ct);
        var morning = parsed.Doubts.HasFlag(Doubts.NightTime) && parsed.FollowUpAt is { } at ? NextMorning(at) : (DateTimeOffset?)null;
        var customerId = parsed.Customer is CustomerResolution.Resolved r ? r.CustomerId : (long?)null;
        await dialog.AwaitWriteAsync(new PendingWrite(message.Text, parsed.Intent, customerId, message.InboundId, morning, now), ct);

        var today = ChinaTime.DateOf(now);
        var line = Describe(parsed, view, today, morning);
        var why = Why(parsed, today);
        ReplyButton[] buttons = morning is null
            ? [new(Yes, "是，记上"), new(No, "不是")]
            : [new(Yes, "改到" + ChineseFormat.DayAndTime(morning.Value, today)), new(Keep, "按原时间"), new(No, "不记")];
        var answer = morning is null ? "回复「是」记上，「不是」就不记。" : "回复「是」按早上的时间记，「按原时间」不改，「不是」就不记。";
        return new Reply(ReplyKind.Card, $"{why}记为：{line}？\n{answer}", "请确认", buttons);
    }

    /// <summary>08:00 the next morning (the same morning for an hour after midnight).</summary>
    public static DateTimeOffset NextMorning(DateTimeOffset at)
    {
        var local = ChinaTime.ToChina(at);
        var day = DateOnly.FromDateTime(local.DateTime);
        return ChinaTime.At(local.Hour < 8 ? day : day.AddDays(1), new TimeOnly(8, 0));
    }

    private static string Why(ParsedMessage parsed, DateOnly today) => parsed.Doubts switch
    {
        var d when d.HasFlag(Doubts.NightTime) && parsed.FollowUpAt is { } at => $"提醒时间 {ChineseFormat.DayAndTime(at, today)} 在夜里，我建议改到早上。",
        var d when d.HasFlag(Doubts.MaybeQuestion) => "这句我不确定是要记录还是在问，先确认一下。",
        var d when d.HasFlag(Doubts.FailedAttempt) => "没联系上也可以记一笔。",
        var d when d.HasFlag(Doubts.UncertainName) => $"「{Mention(parsed)}」我按下面这家理解，",
        _ => "",
    };

    private static string Mention(ParsedMessage parsed) => parsed.Customer is CustomerResolution.Resolved r ? r.Mention : "";

    private static string Describe(ParsedMessage parsed, CustomerDirectory.View view, DateOnly today, DateTimeOffset? morning)
    {
        var customer = parsed.Customer is CustomerResolution.Resolved r && view.Customers.TryGetValue(r.CustomerId, out var c) ? c.ShortName ?? c.LegalName : null;
        var contact = parsed.Customer is CustomerResolution.Resolved { ContactId: { } id } && view.Contacts.TryGetValue(id, out var p) ? p.Name : null;
        var parts = new List<string>();
        if (customer is not null)
            parts.Add(contact is null ? customer : $"{customer} {contact}");
        var followUp = morning ?? parsed.FollowUpAt;
        switch (parsed.Intent)
        {
            case Intent.LogInteraction:
                parts.Add((parsed.Channel ?? InteractionChannel.Other).ChineseName() + (parsed.Doubts.HasFlag(Doubts.FailedAttempt) ? "（没联系上）" : ""));
                if (parsed.Objections.Count > 0)
                    parts.Add("异议：" + string.Join("、", parsed.Objections.Select(o => o.ChineseName())));
                if (parsed.Stage is { } stage)
                    parts.Add("阶段→" + stage.ChineseName());
                break;
            case Intent.UpdateStage:
                parts.Add("阶段→" + (parsed.Stage?.ChineseName() ?? "?"));
                break;
            case Intent.SetReminder:
                parts.Insert(0, "提醒");
                break;
            case Intent.CompleteReminder:
                parts.Add("跟进标为完成");
                break;
            case Intent.PostponeReminder:
                parts.Add("跟进推迟");
                break;
            case Intent.AddCustomer:
                parts.Add("新建客户");
                break;
            case Intent.OptOut:
                parts.Add("不再发祝福");
                break;
            case Intent.ChangeGreeting:
                parts.Add("调整这次的祝福");
                break;
        }
        if (parsed.Amount is { } amount)
            parts.Add("金额 " + ChineseFormat.Money(amount));
        if (followUp is { } due && IntentCatalogue.Of(parsed.Intent)?.Reads(Slot.FollowUp) == true)
            parts.Add((parsed.Intent == Intent.SetReminder ? "时间 " : "下次跟进 ") + ChineseFormat.DayAndTime(due, today));
        return string.Join(" · ", parts);
    }
}
