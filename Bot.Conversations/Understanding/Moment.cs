namespace Bot.Conversations.Understanding;

/// <summary>
/// What one date rule resolved to; <see cref="DayPart"/> carries 晚 from 今晚 over to "今晚6点"; <see cref="Approximate"/>
/// marks a time that is only a part of the day's usual hour (明天下午 → 15:00).
/// </summary>
internal readonly record struct Moment(DateOnly Date, TimeOnly? Time = null, string? DayPart = null, bool Approximate = false);
