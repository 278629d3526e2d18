namespace Bot.Conversations.Customers;

/// <summary>A member and one of their customers' WeChat accounts, as WeCom lists it.</summary>
public sealed record FollowedContact(string UserId, ExternalContactProfile Profile);

/// <summary>WeCom's own record of who has which customers, read to catch callbacks that never arrived.</summary>
public interface IWeComContactDirectory
{
    /// <summary>
    /// The WeChat accounts that have the member as a contact (externalcontact/list); null when WeCom will not say
    /// for this member (not in WeCom, or outside the app's customer-contact scope).
    /// </summary>
    Task<IReadOnlyList<string>?> CustomersOfAsync(string userId, CancellationToken ct);

    /// <summary>Those accounts' profiles for these members, every page (externalcontact/batch/get_by_user).</summary>
    Task<IReadOnlyList<FollowedContact>> ProfilesAsync(IReadOnlyList<string> userIds, CancellationToken ct);
}
