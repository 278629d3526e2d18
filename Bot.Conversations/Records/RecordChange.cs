using Bot.Conversations.Customers;

namespace Bot.Conversations.Records;

/// <summary>The field of an interaction an edit sets.</summary>
public enum RecordField
{
    Channel,
    Contact,
    Day,
}

/// <summary>
/// What a fix does to the record it points at: delete it (<see cref="Field"/> null), or set one field of an
/// interaction — the channel, the contact (as said, until it is found among the customer's contacts), or the day it
/// took place (at <see cref="Time"/> when one was said, else at the time of day it had).
/// </summary>
public sealed record RecordChange(
    RecordField? Field, InteractionChannel? Channel = null, string? ContactMention = null, long? ContactId = null, DateOnly? Day = null, TimeOnly? Time = null)
{
    public static readonly RecordChange Delete = new(Field: null);

    public bool Deletes => Field is null;
}

/// <summary>
/// Where a message points at an earlier record: its kind, the days said (as ranges: 上周 is a week), the channel
/// (那个电话), the contact (跟廖院长那条) and the amount (30万那单). <see cref="DaysSaid"/> is the days as typed,
/// for saying what was searched. <see cref="NamesCustomer"/>: a customer, or a contact of one, points at the record —
/// not a contact after an edit's change word (联系人是王海，不是王工), which says what to set or what is wrong now.
/// </summary>
public sealed record RecordPointer(
    RecordKind Kind, IReadOnlyList<DayRange> Days, IReadOnlyList<DayRange> DueDays, string? DaysSaid, InteractionChannel? Channel, long? ContactId, decimal? Amount,
    bool NamesCustomer)
{
    public bool NamesDay => Days.Count > 0 || DueDays.Count > 0;
}
