namespace Bot.Conversations.Pipeline;

/// <summary>Per-minute budgets shared by every host (a recipient's messages, the app's, the corp's group sends).</summary>
public interface IRateLimiter
{
    /// <returns>Whether one more fits in this minute, and if not, when to try again.</returns>
    Task<(bool Allowed, DateTimeOffset RetryAt)> TryTakeAsync(string scope, int perMinute);

    /// <summary>The same budget spread evenly over the minute, for bulk sends that must not arrive in one burst.</summary>
    Task<(bool Allowed, DateTimeOffset RetryAt)> TryTakeSmoothedAsync(string scope, int perMinute);
}
