using System.Text.RegularExpressions;
using Bot.Conversations.Customers;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Records;

/// <summary>
/// A fix to an earlier record, up to the question: find the user's own record the message points at — with no
/// customer and no day said, their latest of that kind — ask which one when several fit, and say in one line what
/// will change. Nothing is written here; <see cref="RecordChangeAnswer"/> writes on 确认. A colleague's record is
/// refused, a manager's team's included.
/// </summary>
public sealed partial class RecordChanges(IRecordStore records, CustomerDirectory directory, ContactFix contacts)
{
    public const int MaxChoices = 6;

    public const string YesKey = "record:yes";
    public const string NoKey = "record:no";
    public const string PickPrefix = "record:pick:";

    // 「昨天那条记录删掉了吗」 asks; it does not tell the bot to delete.
    [GeneratedRegex(@"(吗|么|没有?)\s*\??\s*$|\?\s*$")]
    private static partial Regex Question();

    public async Task<IReadOnlyList<Reply>> ProposeAsync(ConversationContext context, CancellationToken ct)
    {
        var parsed = context.Parsed;
        var edit = parsed.Intent == Intent.EditRecord;
        if (Question().IsMatch(parsed.Text))
            return [Reply.Plain(edit ? "要改的话直接说，比如「昨天金禾那条记录渠道改成拜访」，我会先确认再改。" : "要删的话直接说，比如「删掉昨天金禾那条拜访」，我会先确认再删。")];
        var view = await directory.GetAsync(ct);
        var resolved = parsed.Customer is CustomerResolution.Resolved r ? r.CustomerId : (long?)null;
        var (pointer, change) = RecordWording.Read(MessageReading.Of(parsed.Text, context.Now, view), context.Now, resolved, edit, parsed.Channel);
        var customerId = pointer.NamesCustomer ? resolved : null;
        if (change is null)
            return [Reply.Plain("要改哪一项？可以改沟通记录的渠道、联系人或日期，比如「昨天金禾那条记录渠道改成拜访」。")];

        // A day or a customer and nothing else narrows reminders and deals to a few; interactions and orders pile up,
        // so without a day the latest is meant.
        var latestOnly = !pointer.NamesDay && (customerId is null || pointer.Kind is RecordKind.Interaction or RecordKind.Order);
        var search = new RecordSearch(pointer.Kind, context.User.Id, customerId, pointer.Days, pointer.DueDays, pointer.Channel, pointer.ContactId,
            pointer.Kind is RecordKind.Order or RecordKind.Deal ? pointer.Amount : null, latestOnly ? 1 : MaxChoices + 1);
        var own = await records.FindAsync(search, ct);
        if (own.Count == 0)
        {
            if (customerId is not null && await records.FindAsync(search with { AuthorId = null, Limit = 1 }, ct) is [var colleagues])
                return [Reply.Plain(NotYours(colleagues, context.User, edit))];
            return [Reply.Plain(NoneFound(pointer, customerId is { } id && view.Customers.TryGetValue(id, out var c) ? c.ShortName ?? c.LegalName : null,
                pointer.ContactId is { } contactId && view.Contacts.TryGetValue(contactId, out var k) ? k.Name : null))];
        }

        var pending = new PendingRecordChange(change, [.. own.Take(MaxChoices).Select(x => new RecordChoice(x.Kind, x.Id, x.Line()))],
            parsed.Text, parsed.Intent, context.Message.InboundId, context.Now);
        if (own.Count == 1)
            return [await AskToConfirmAsync(context.Dialog, pending, own[0], context.Now, ct)];
        await context.Dialog.AwaitRecordChangeAsync(pending, ct);
        var lines = pending.Choices.Select((choice, i) => $"{i + 1}. {choice.Line}");
        var more = own.Count > MaxChoices ? $"\n（只列出最近{MaxChoices}条，说上日期或渠道可以找得更准。）" : "";
        return [new Reply(ReplyKind.Card, $"有{pending.Choices.Count}条符合，要{(edit ? "改" : "删")}哪一条？\n{string.Join("\n", lines)}\n回复序号即可。{more}",
            "选择记录", [.. pending.Choices.Select((_, i) => new ReplyButton(PickPrefix + (i + 1), $"第{i + 1}条"))])];
    }

    /// <summary>
    /// The one-line question before anything is written: «删除 11月28日 金禾 · 拜访「聊了课程方案…」？回复「确认」删除», or for an
    /// edit the field before → after. A change that cannot be made (an imported order, an unknown contact, no change at
    /// all) is said instead, and nothing waits.
    /// </summary>
    public async Task<Reply> AskToConfirmAsync(DialogSession dialog, PendingRecordChange pending, EarlierRecord record, DateTimeOffset now, CancellationToken ct)
    {
        var (change, fromTo, refusal) = pending.Change.Deletes
            ? (pending.Change, "", record.Imported ? $"「{record.Line()}」是从公司系统导入的，在这里删了下次导入还会回来，请在原系统里改。" : null)
            : await EditOfAsync(pending.Change, record, now, ct);
        if (refusal is not null)
        {
            await dialog.AwaitRecordChangeAsync(null, ct);
            return Reply.Plain(refusal);
        }
        await dialog.AwaitRecordChangeAsync(pending with { Change = change, Choices = [new RecordChoice(record.Kind, record.Id, record.Line())], AskedAt = now }, ct);
        var question = change.Deletes
            ? $"{(record.Kind == RecordKind.Reminder ? "取消" : "删除")} {record.Line()}？回复「确认」{(record.Kind == RecordKind.Reminder ? "取消" : "删除")}"
            : $"修改 {record.Line()}：{fromTo}？回复「确认」修改";
        return new Reply(ReplyKind.Card, question, "请确认", [new ReplyButton(YesKey, "确认"), new ReplyButton(NoKey, "不用了")]);
    }

    /// <summary>The edit with what it sets settled (the contact found, the exact time), the words before → after, or why not.</summary>
    private async Task<(RecordChange Change, string FromTo, string? Refusal)> EditOfAsync(RecordChange change, EarlierRecord record, DateTimeOffset now, CancellationToken ct)
    {
        switch (change.Field)
        {
            case RecordField.Channel:
                var channel = change.Channel ?? InteractionChannel.Other;
                return record.Channel == channel
                    ? (change, "", $"「{record.Line()}」的渠道本来就是{channel.ChineseName()}，不用改。")
                    : (change, $"渠道 {(record.Channel ?? InteractionChannel.Other).ChineseName()} → {channel.ChineseName()}", null);
            case RecordField.Contact:
                if (change.ContactMention is not { } mention || record.CustomerId is not { } customerId)
                    return (change, "", "联系人要改成谁？请带上名字，比如「昨天金禾那条联系人改成王海」。");
                var (contact, refusal) = await contacts.FindAsync(customerId, mention, ct);
                if (contact is null)
                    return (change, "", refusal);
                return contact.Id == record.ContactId
                    ? (change, "", $"「{record.Line()}」的联系人本来就是{contact.Name}，不用改。")
                    : (change with { ContactId = contact.Id, ContactMention = contact.Name }, $"联系人 {record.ContactName ?? "未填"} → {contact.Name}", null);
            default:
                var before = Common.ChinaTime.ToChina(record.At);
                var time = change.Time ?? TimeOnly.FromDateTime(before.DateTime);
                var after = Common.ChinaTime.At(change.Day ?? record.Day, time);
                if (after > now)
                    return (change, "", "沟通记录的日期不能改到以后，请说已经过去的日子，比如「那次拜访其实是周一」。");
                if (Common.ChinaTime.ToChina(after) == before)
                    return (change, "", $"「{record.Line()}」本来就是{EarlierRecord.Date(record.Day)}，不用改。");
                var said = change.Time is null ? (Func<DateTimeOffset, string>)(t => EarlierRecord.Date(Common.ChinaTime.DateOf(t)))
                    : t => $"{EarlierRecord.Date(Common.ChinaTime.DateOf(t))} {Common.ChinaTime.ToChina(t):HH:mm}";
                return (change with { Day = Common.ChinaTime.DateOf(after), Time = time }, $"日期 {said(record.At)} → {said(after)}", null);
        }
    }

    private static string NotYours(EarlierRecord record, SalesUser user, bool edit)
    {
        var whose = record.Kind == RecordKind.Order ? $"{record.AuthorName}名下的" : $"{record.AuthorName}记的";
        var verb = edit ? "改" : "删";
        var managers = user.Role == UserRole.Rep ? "" : "，主管也不能" + verb + "下属的记录";
        return $"「{record.Line()}」是{whose}。只能{verb}自己记的记录{managers}；需要的话请{record.AuthorName}自己{verb}。";
    }

    private static string NoneFound(RecordPointer pointer, string? customer, string? contact)
    {
        var what = pointer.Kind == RecordKind.Interaction && pointer.Channel is { } channel ? channel.ChineseName() + "记录" : pointer.Kind.Noun();
        var whose = pointer.Kind == RecordKind.Order ? "你名下" : "你记的";
        var amount = pointer.Kind is RecordKind.Order or RecordKind.Deal && pointer.Amount is { } yuan ? Common.ChineseFormat.Money(yuan) : "";
        return $"没找到{whose}{customer}{pointer.DaysSaid}{(contact is null ? "" : "跟" + contact)}的{amount}{what}。可以说上客户和日期再试，比如「删掉昨天金禾那条拜访」。";
    }
}
