namespace Bot.Conversations.Understanding;

/// <summary>What one date rule resolved to; <see cref="DayPart"/> carries 晚 from 今晚 over to "今晚6点".</summary>
internal readonly record struct Moment(DateOnly Date, TimeOnly? Time = null, string? DayPart = null);

/// <summary>The message time in Shanghai and the bias, the two things every rule resolves against.</summary>
internal sealed record Anchor(DateTime Now, DateBias Bias)
{
    public DateOnly Today => DateOnly.FromDateTime(Now);

    public TimeOnly TimeOfDay => TimeOnly.FromDateTime(Now);

    public bool Future => Bias == DateBias.Future;
}
