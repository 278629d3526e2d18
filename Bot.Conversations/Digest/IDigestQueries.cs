using Bot.Conversations.Customers;

namespace Bot.Conversations.Digest;

public sealed record ContactBirthday(string CustomerName, string ContactName, string? Title, Birthday Birthday, string? OwnerName);

public interface IDigestQueries
{
    /// <summary>Contacts with a known birthday at the live customers owned by <paramref name="ownerIds"/> (null: everyone's).</summary>
    Task<IReadOnlyList<ContactBirthday>> BirthdaysAsync(IReadOnlySet<long>? ownerIds, CancellationToken ct);
}
