namespace Bot.Conversations.Customers;

/// <summary>What WeCom tells us about a customer's WeChat account (externalcontact/get), channel-neutral.</summary>
public sealed record ExternalContactProfile(string ExternalUserId, string Name, string? CorpName, string? Position);

public sealed record LinkedContact(Customer Customer, Contact Contact, bool CustomerCreated, bool ContactCreated);

/// <summary>A contact linked to a WeChat account, with the owner of its customer and whether the account removed the rep.</summary>
public sealed record KnownExternalContact(string ExternalUserId, string? OwnerUserId, bool Removed);

public interface IExternalContactStore
{
    /// <summary>
    /// Links the WeChat account to a contact: the one already carrying this external id, else a contact of the same
    /// name at a customer of the rep whose name matches the account's company, else a new contact — at a new lead
    /// customer owned by the rep when no customer matches.
    /// </summary>
    Task<LinkedContact> LinkAsync(long repId, ExternalContactProfile profile, DateTimeOffset at, CancellationToken ct);

    Task<(Customer Customer, Contact Contact)?> FindAsync(string externalUserId, CancellationToken ct);

    /// <summary>Records that the customer removed the rep (a churn signal), or clears it when they add the rep again.</summary>
    Task SetRemovedAsync(string externalUserId, DateTimeOffset? removedAt, CancellationToken ct);

    /// <summary>Every live contact linked to a WeChat account.</summary>
    Task<IReadOnlyList<KnownExternalContact>> ListKnownAsync(CancellationToken ct);
}
