namespace Bot.Conversations.Pipeline;

/// <summary>
/// A notice a scheduled job wants sent. The key names the occasion (e.g. "digest:zhangwei:2026-11-25"), so a job
/// that runs again — on another host, or after a crash — cannot say the same thing twice.
/// </summary>
public sealed record ScheduledNotice(string Key, string ToUserId, Reply Reply);
