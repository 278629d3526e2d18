using Bot.Conversations.Common;

namespace Bot.Conversations.Understanding;

/// <summary>
/// A date or time found in a message: where it is (<see cref="Start"/>, <see cref="Length"/>, <see cref="Text"/>
/// as typed) and what it resolves to in Shanghai. <see cref="Time"/> is null when only a day was said;
/// <see cref="Approximate"/> when only a part of the day was (明天下午: the usual hour stands in for scheduling).
/// </summary>
public sealed record TimeExpression(int Start, int Length, string Text, DateOnly Date, TimeOnly? Time, bool Approximate = false)
{
    /// <summary>The instant, when a time of day was said; a bare day has no instant to schedule.</summary>
    public DateTimeOffset? At => Time is { } time ? ChinaTime.At(Date, time) : null;
}
