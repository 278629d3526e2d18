using System.Globalization;
using Bot.Conversations.Common;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Team;

namespace Bot.Conversations.Customers;

public sealed record ReconciliationResult(int Members, int Unreadable, int Linked, int Removed, IReadOnlyList<ScheduledNotice> Notices);

/// <summary>
/// The nightly check against WeCom's own lists, because callbacks can be lost: a WeChat account a member has that
/// we never linked is linked as if add_external_contact had arrived; a linked account no member has any more is
/// marked as having removed the rep, as del_follow_user would. Both go through <see cref="CustomerContactEvents"/>,
/// so the effects and the notices are the callbacks' own. A second run finds nothing to do.
/// </summary>
public sealed class ContactReconciliation(IWeComContactDirectory wecom, IExternalContactStore contacts, IUserDirectory users, CustomerContactEvents events)
{
    private const int MembersPerBatch = 100;

    public async Task<ReconciliationResult> RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        var members = await users.ListActiveAsync(ct);
        // Every member's list is read before anything changes: a failed call stops the run rather than look like
        // lost customers. A member WeCom will not tell us about is left out, and so are their customers' contacts.
        var followed = new Dictionary<string, IReadOnlyList<string>>();
        var unreadable = new HashSet<string>();
        foreach (var member in members)
        {
            if (await wecom.CustomersOfAsync(member.WeComUserId, ct) is { } ids)
                followed[member.WeComUserId] = ids;
            else
                unreadable.Add(member.WeComUserId);
        }
        var known = (await contacts.ListKnownAsync(ct)).ToDictionary(k => k.ExternalUserId);

        var day = ChinaTime.DateOf(now).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var notices = new List<ScheduledNotice>();
        var linked = await LinkNewAsync(followed, known, day, notices, ct);

        var stillFollowed = followed.Values.SelectMany(ids => ids).ToHashSet();
        var removed = 0;
        foreach (var gone in known.Values.Where(k => !k.Removed && !stillFollowed.Contains(k.ExternalUserId)
                                                      && (k.OwnerUserId is null || !unreadable.Contains(k.OwnerUserId))))
        {
            var alerts = await events.OnCustomerRemovedRepAsync(gone.OwnerUserId ?? "", gone.ExternalUserId, ct);
            notices.AddRange(alerts.Select((n, i) => new ScheduledNotice($"reconcile:removed:{gone.ExternalUserId}:{day}:{i}", n.ToUserId, n.Reply)));
            removed++;
        }
        return new ReconciliationResult(followed.Count, unreadable.Count, linked, removed, notices);
    }

    private async Task<int> LinkNewAsync(
        Dictionary<string, IReadOnlyList<string>> followed, Dictionary<string, KnownExternalContact> known, string day, List<ScheduledNotice> notices,
        CancellationToken ct)
    {
        // New to us, or back after removing the rep.
        bool IsNew(string id) => !known.TryGetValue(id, out var k) || k.Removed;
        var withNew = followed.Where(f => f.Value.Any(IsNew)).Select(f => f.Key).ToList();
        var linked = new HashSet<string>();
        foreach (var batch in withNew.Chunk(MembersPerBatch))
        {
            foreach (var (userId, profile) in await wecom.ProfilesAsync(batch, ct))
            {
                // An account several members have is linked once, by the first of them.
                if (!IsNew(profile.ExternalUserId) || !linked.Add(profile.ExternalUserId))
                    continue;
                var added = await events.OnCustomerAddedAsync(userId, profile, ct);
                notices.AddRange(added.Notices.Select((n, i) => new ScheduledNotice($"reconcile:added:{profile.ExternalUserId}:{day}:{i}", n.ToUserId, n.Reply)));
            }
        }
        return linked.Count;
    }
}
