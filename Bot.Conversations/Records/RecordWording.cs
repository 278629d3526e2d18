using System.Text.RegularExpressions;
using Bot.Conversations.Customers;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Records;

/// <summary>
/// Reads a fix to an earlier record out of a message. 「上周三星辰那次联系人应该是王海，不是王工」: what comes before the
/// first change word (改成, 应该, 其实, 不是, 联系人, 渠道 …) points at the record (上周三, 星辰, 那次); what comes after
/// it is the new value (王海), except a value marked as the wrong one (不是王工, 写成了, 记成), which is what the record
/// says now and so points at it too. A delete has no new value: all of it points. Dates are read as the bot reads
/// them everywhere (<see cref="ChineseDateTime"/>), leaning to the past, as an earlier record's day does.
/// </summary>
public static partial class RecordWording
{
    [GeneratedRegex(@"改成|改为|改作|改到|改返|改回|换成|换为|应该|应为|应是|其实|实际|实为|不是|唔系|记成|写成|填成|录成|写错|记错|填错|搞错|弄错|错了|改一下|改下|联系人|对接人|接待|渠道|方式|时间|日期|是")]
    private static partial Regex ChangeWord();

    // What marks the value right after it as the wrong one, the one the record has now.
    [GeneratedRegex(@"(不是|唔系|写成了?|记成了?|填成了?|录成了?|由|而非)\s*(的)?\s*$")]
    private static partial Regex WrongValueBefore();

    [GeneratedRegex(@"联系人|对接人|接待|接的|见的人|聊的人|接电话的")]
    private static partial Regex ContactWord();

    // A contact as said after a change word, known or not: 应该是贾主任 · 改成Tony Wang · 是孟刚不是武波
    [GeneratedRegex(@"(?<cue>改成|改为|换成|应该是|应为|应该写|其实是|实际是|是|写)\s*(?<m>[A-Za-z][A-Za-z .]{0,18}[A-Za-z]|[A-Za-z]|\p{IsCJKUnifiedIdeographs}{2,4}?)(?=\s*(?:才对|接待|接的|来的|吧|了|的|[,.!?;:]|\s|不是|唔系|$))")]
    private static partial Regex SaidContact();

    // Words that follow a change word without being anyone's name.
    [GeneratedRegex(@"错|改|联系|对接|渠道|方式|记录|时间|日期|那条|那次|这条")]
    private static partial Regex NotAName();

    [GeneratedRegex(@"^(上上|上|这|本|这个|上个)(周|星期|礼拜)$")]
    private static partial Regex Week();

    [GeneratedRegex(@"^((上上个|上个|上上|上|这个|本|这)月|([0-9]{1,2}|十[一二]?|[一二三四五六七八九])月)$")]
    private static partial Regex Month();

    // 那个周五: a demonstrative, not a count (两个周五), so the date reader may read the day after it.
    [GeneratedRegex(@"(?<=[那这])个")]
    private static partial Regex Demonstrative();

    [GeneratedRegex(@"商机")]
    private static partial Regex DealWord();

    [GeneratedRegex(@"订单|单子|那单|这单|那笔|这笔|嗰单|一单")]
    private static partial Regex OrderWord();

    [GeneratedRegex(@"提醒|待办|任务|reminder|todo|跟进(?!记录|的记录)", RegexOptions.IgnoreCase)]
    private static partial Regex ReminderWord();

    /// <param name="customerId">The customer the message resolved to, whose contacts a contact said is looked for among.</param>
    /// <param name="edit">An edit: read the new value too; a delete reads the pointer only.</param>
    /// <param name="modelChannel">The classifier's channel, the new one when no channel word says it (改成语音聊的).</param>
    /// <returns>The pointer, and the change: <see cref="RecordChange.Delete"/>, the edit, or null for an edit that names no field.</returns>
    public static (RecordPointer Pointer, RecordChange? Change) Read(
        MessageReading reading, DateTimeOffset now, long? customerId, bool edit, InteractionChannel? modelChannel)
    {
        var rest = Demonstrative().Replace(reading.Rest, " ");
        var split = edit && ChangeWord().Match(rest) is { Success: true } cue ? cue.Index : rest.Length;
        bool Wrong(int start) => WrongValueBefore().IsMatch(reading.Text.AsSpan(0, start));
        bool Points(int start) => start < split || Wrong(start);

        var past = ChineseDateTime.FindAll(rest, now, DateBias.Past);
        var channels = InteractionChannels.FindIn(rest);
        // A colleague's name is never a contact (那是刘洋打的), as in customer resolution.
        var contacts = reading.Names.Where(n => n.Members.Count == 0 && (customerId is { } id ? n.ContactsOf(id).Any() : n.Contacts.Count > 0)).ToList();
        var change = edit ? EditOf(reading, split, Points, past, channels, contacts, customerId, modelChannel) : RecordChange.Delete;

        // The day an edit moves the record to does not point at it; any other date does.
        var days = past.Where(t => change?.Field != RecordField.Day || Points(t.Start)).ToList();
        var kind = edit ? RecordKind.Interaction : KindOf(rest);
        var pointer = new RecordPointer(
            kind,
            [.. days.Select(Range)],
            kind == RecordKind.Reminder ? [.. ChineseDateTime.FindAll(rest, now, DateBias.Future).Select(Range)] : [],
            days.Count > 0 ? string.Join("、", days.Select(t => t.Text.Trim())) : null,
            kind == RecordKind.Interaction && channels.FirstOrDefault(c => Points(c.Start)) is { Length: > 0 } channel ? channel.Channel : null,
            kind == RecordKind.Interaction && customerId is { } owner && contacts.FirstOrDefault(n => Points(n.Start)) is { } contact
                ? contact.ContactsOf(owner).First().Id : null,
            edit ? null : reading.Amounts.Select(a => (decimal?)a.Yuan).FirstOrDefault(),
            reading.Names.Any(n => n.CustomerIds.Count > 0) || contacts.Any(n => n.Start < split));
        return (pointer, change);
    }

    /// <summary>
    /// A fix's slots: the contact and channel of an edit are the new ones it sets (not 王工 in 「是王海不是王工」), and a
    /// delete has none — the contact and channel it names only point at the record. An edit whose only name is the new
    /// contact (联系人是王海) names no customer: it fixes the last interaction logged, whoever else has a 王海.
    /// </summary>
    public static (CustomerResolution Customer, MessageParser.Slots Slots) Slots(
        Intent intent, MessageReading reading, DateTimeOffset now, CustomerResolution customer, MessageParser.Slots slots)
    {
        var resolved = customer as CustomerResolution.Resolved;
        if (intent != Intent.EditRecord)
            return (resolved is null ? customer : resolved with { ContactId = null }, slots with { Channel = null });
        var (pointer, change) = Read(reading, now, resolved?.CustomerId, edit: true, slots.Channel);
        return (!pointer.NamesCustomer ? new CustomerResolution.NotMentioned() : resolved is null ? customer : resolved with { ContactId = change?.ContactId },
            slots with { Channel = change?.Field == RecordField.Channel ? change.Channel : null });
    }

    private static RecordChange? EditOf(
        MessageReading reading, int split, Func<int, bool> points, IReadOnlyList<TimeExpression> past,
        IReadOnlyList<(int Start, int Length, InteractionChannel Channel)> channels, IReadOnlyList<NameMatch> contacts, long? customerId,
        InteractionChannel? modelChannel)
    {
        var known = contacts.FirstOrDefault(n => !points(n.Start));
        if (known is not null || ContactWord().IsMatch(reading.Rest.AsSpan(split)))
        {
            var said = known?.Text ?? SaidContactAfter(reading.Text, split, points);
            var id = known is not null && customerId is { } owner ? known.ContactsOf(owner).First().Id : (long?)null;
            return new RecordChange(RecordField.Contact, ContactMention: said, ContactId: id);
        }
        if (channels.FirstOrDefault(c => !points(c.Start)) is { Length: > 0 } channel)
            return new RecordChange(RecordField.Channel, Channel: channel.Channel);
        if (past.LastOrDefault(t => !points(t.Start)) is { } day)
            return new RecordChange(RecordField.Day, Day: day.Date, Time: day.Time);
        return modelChannel is { } model and not InteractionChannel.Other ? new RecordChange(RecordField.Channel, Channel: model) : null;
    }

    /// <summary>The last name said after a change word that is not marked as the wrong one: 是孟刚不是武波 → 孟刚.</summary>
    private static string? SaidContactAfter(string text, int split, Func<int, bool> points) =>
        SaidContact().Matches(text, split)
            .Where(m => !(m.Groups["cue"].Value == "是" && m.Index > 0 && text[m.Index - 1] is '不' or '唔'))
            .Select(m => m.Groups["m"])
            .Where(m => !points(m.Index) && !NotAName().IsMatch(m.Value) && InteractionChannels.FromWord(m.Value) is null)
            .Select(m => m.Value.Trim())
            .LastOrDefault();

    private static RecordKind KindOf(string text) =>
        DealWord().IsMatch(text) ? RecordKind.Deal
        : OrderWord().IsMatch(text) ? RecordKind.Order
        : ReminderWord().IsMatch(text) ? RecordKind.Reminder
        : RecordKind.Interaction;

    /// <summary>The days an expression covers: 上周 is that week, 上个月 / 12月 that month, anything else its day.</summary>
    private static DayRange Range(TimeExpression time)
    {
        var said = time.Text.Trim();
        if (Week().IsMatch(said))
        {
            var monday = time.Date.AddDays(-(((int)time.Date.DayOfWeek + 6) % 7));
            return new DayRange(monday, monday.AddDays(6));
        }
        if (Month().IsMatch(said))
        {
            var first = new DateOnly(time.Date.Year, time.Date.Month, 1);
            return new DayRange(first, first.AddMonths(1).AddDays(-1));
        }
        return new DayRange(time.Date, time.Date);
    }
}
