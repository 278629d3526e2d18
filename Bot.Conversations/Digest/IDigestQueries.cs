using Bot.Conversations.Customers;

namespace Bot.Conversations.Digest;

public sealed record ContactBirthday(string CustomerName, string ContactName, string? Title, Birthday Birthday);

public interface IDigestQueries
{
    /// <summary>Contacts with a known birthday at the live customers owned by <paramref name="ownerId"/>.</summary>
    Task<IReadOnlyList<ContactBirthday>> BirthdaysAsync(long ownerId, CancellationToken ct);
}
