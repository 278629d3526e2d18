namespace Bot.Conversations.Understanding;

/// <summary>What one date rule resolved to; <see cref="DayPart"/> carries 晚 from 今晚 over to "今晚6点".</summary>
internal readonly record struct Moment(DateOnly Date, TimeOnly? Time = null, string? DayPart = null);
