using Bot.Conversations.Common;
using Bot.Conversations.Customers;

namespace Bot.Conversations.Records;

/// <summary>
/// One record found for a fix, as the user would recognise it. <see cref="At"/> is when the interaction took place,
/// when the reminder is due, the order's day, or when the deal was opened. <see cref="AuthorId"/> is who recorded it:
/// the rep of an interaction or reminder, whoever opened a deal (its owner when imported), the customer's owner for
/// an order. <see cref="Imported"/>: it came from the company's system, and a re-import would bring it back.
/// </summary>
public sealed record EarlierRecord(
    RecordKind Kind, long Id, long? CustomerId, string? CustomerName, long? AuthorId, string? AuthorName, DateTimeOffset At,
    InteractionChannel? Channel, long? ContactId, string? ContactName, string Text, decimal? Amount, DateOnly? ExpectedClose, bool Imported)
{
    private const int Quoted = 12;

    public DateOnly Day => ChinaTime.DateOf(At);

    /// <summary>11月28日 金禾 赵总 · 拜访「聊了课程方案…」 · 提醒 12月5日 09:00 金禾「跟进金禾」 · 订单 11月20日 金禾 15万 · 商机 金禾·二期 15万</summary>
    public string Line() => Kind switch
    {
        RecordKind.Reminder => $"提醒 {Date(Day)} {ChinaTime.ToChina(At):HH:mm}{(CustomerName is null ? "" : " " + CustomerName)}「{Quote(Text)}」",
        RecordKind.Order => $"订单 {Date(Day)} {CustomerName} {ChineseFormat.Money(Amount ?? 0)}",
        RecordKind.Deal => $"商机 {(Text.Length == 0 ? CustomerName : $"{CustomerName}·{Text}")}"
            + (Amount is { } amount ? " " + ChineseFormat.Money(amount) : "") + (ExpectedClose is { } close ? $"（预计{Date(close)}签）" : ""),
        _ => $"{Date(Day)} {CustomerName}{(ContactName is null ? "" : " " + ContactName)} · {(Channel ?? InteractionChannel.Other).ChineseName()}「{Quote(Text)}」",
    };

    public static string Date(DateOnly day) => $"{day.Month}月{day.Day}日";

    private static string Quote(string text) => text.Length <= Quoted ? text : text[..Quoted] + "…";
}
