namespace Bot.Conversations.Customers;

/// <summary>
/// A birthday as people give it: often without the year, sometimes by the lunar calendar (农历),
/// which moves against the Gregorian one every year.
/// </summary>
public sealed record Birthday(int Month, int Day, int? Year, bool Lunar)
{
    public override string ToString() =>
        (Lunar ? "农历" : "") + (Year is { } y ? $"{y}年" : "") + $"{Month}月{Day}日";
}

public sealed record Contact(
    long Id,
    long CustomerId,
    string Name,
    string? Title,
    string? Phone,
    string? WeComExternalUserId,
    Birthday? Birthday,
    string? DecisionRole);

public sealed record NewContact(
    long CustomerId,
    string Name,
    string? Title,
    string? Phone,
    string? WeComExternalUserId,
    Birthday? Birthday,
    string? DecisionRole);
