namespace Bot.Conversations.Understanding;

/// <summary>The message time in Shanghai and the bias, the two things every rule resolves against.</summary>
internal sealed record Anchor(DateTime Now, DateBias Bias)
{
    public DateOnly Today => DateOnly.FromDateTime(Now);

    public TimeOnly TimeOfDay => TimeOnly.FromDateTime(Now);

    public bool Future => Bias == DateBias.Future;
}
