namespace Bot.Conversations.Care;

/// <summary>
/// A rep's change to one planned greeting, this time only (its <see cref="Key"/> names one occasion of one year, or
/// one post-sale day): not sent (<see cref="Text"/> null), or sent with the rep's own text instead of the template.
/// Unlike an opt-out it leaves every later greeting alone.
/// </summary>
public sealed record GreetingChange(
    string Key, long ContactId, long CustomerId, CareOccasion Occasion, DateOnly On, string? Text, long? ChangedBy, DateTimeOffset ChangedAt)
{
    public bool Skips => Text is null;
}

/// <summary>The reps' changes to greetings not yet queued; the planning run reads them by key.</summary>
public interface IGreetingChanges
{
    Task<IReadOnlyDictionary<string, GreetingChange>> ForKeysAsync(IReadOnlyCollection<string> keys, CancellationToken ct);

    /// <summary>Stores the change (replacing an earlier one for the same greeting) unless the greeting is already queued.</summary>
    /// <returns>False when it was already queued: the change came too late and nothing was stored.</returns>
    Task<bool> SaveAsync(GreetingChange change, CancellationToken ct);

    Task RemoveAsync(string key, CancellationToken ct);
}
