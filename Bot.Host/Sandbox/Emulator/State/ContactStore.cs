using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Bot.Sandbox.Emulator;

/// <summary>Customers, who follows them, welcome codes, and what reached each customer.</summary>
public sealed class ContactStore(IOptions<WeComEmulatorOptions> options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ExternalContact> _contacts = [];
    private readonly List<FollowUser> _follows = [];

    // (member, customer) pairs of _follows: group sends check one pair per customer, and a corp may have 100,000.
    private readonly HashSet<(string UserId, string ExternalUserId)> _following = [];
    private readonly Dictionary<string, WelcomeCode> _welcomeCodes = [];
    private readonly List<CustomerDelivery> _deliveries = [];
    private long _nextId;

    /// <summary>
    /// Makes <paramref name="userId"/> a follower of a customer (created when new) and issues the welcome code
    /// that WeCom puts in the add_external_contact callback.
    /// </summary>
    public (FollowUser Follow, WelcomeCode Welcome) Add(
        string userId, string name, string? externalUserId = null, string? state = null, string? corpName = null, string? position = null)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var id = string.IsNullOrEmpty(externalUserId) ? "wm" + RandomToken(22) : externalUserId;
            if (!_contacts.ContainsKey(id))
                _contacts[id] = new ExternalContact(id, name, 1, 0, "", corpName ?? "") { Position = position ?? "" };
            if (!_following.Add((userId, id)))
                _follows.RemoveAll(f => f.UserId == userId && f.ExternalUserId == id);
            var follow = new FollowUser(userId, id, "", "", now.ToUnixTimeSeconds(), state ?? "", 1);
            _follows.Add(follow);
            var welcome = new WelcomeCode(RandomToken(32), userId, id, now, false);
            _welcomeCodes[welcome.Code] = welcome;
            return (follow, welcome);
        }
    }

    /// <summary>
    /// Customers who were already contacts before the bot was connected: no add_external_contact callback, no
    /// welcome code (a load test's 100,000 customers).
    /// </summary>
    public void AddExisting(IEnumerable<(string UserId, string ExternalUserId, string Name)> follows)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        lock (_lock)
        {
            foreach (var (userId, externalUserId, name) in follows)
            {
                _contacts.TryAdd(externalUserId, new ExternalContact(externalUserId, name, 1, 0, "", ""));
                if (_following.Add((userId, externalUserId)))
                    _follows.Add(new FollowUser(userId, externalUserId, "", "", now, "", 0));
            }
        }
    }

    public bool RemoveFollow(string userId, string externalUserId)
    {
        lock (_lock)
        {
            _following.Remove((userId, externalUserId));
            return _follows.RemoveAll(f => f.UserId == userId && f.ExternalUserId == externalUserId) > 0;
        }
    }

    /// <summary>A transfer was taken over: the customer is the taker's now and no longer the old member's.</summary>
    public void MoveFollow(string fromUserId, string toUserId, string externalUserId, DateTimeOffset at)
    {
        lock (_lock)
        {
            _following.Remove((fromUserId, externalUserId));
            _follows.RemoveAll(f => f.UserId == fromUserId && f.ExternalUserId == externalUserId);
            if (_following.Add((toUserId, externalUserId)))
                _follows.Add(new FollowUser(toUserId, externalUserId, "", "", at.ToUnixTimeSeconds(), "", 0));
        }
    }

    public FollowUser? Edit(string userId, string externalUserId, string? remark, string? description, IReadOnlyList<string>? tags = null)
    {
        lock (_lock)
        {
            var index = _follows.FindIndex(f => f.UserId == userId && f.ExternalUserId == externalUserId);
            if (index < 0)
                return null;
            var edited = _follows[index] with
            {
                Remark = remark ?? _follows[index].Remark,
                Description = description ?? _follows[index].Description,
                Tags = tags ?? _follows[index].Tags,
            };
            _follows[index] = edited;
            return edited;
        }
    }

    public IReadOnlyList<string> CustomersOf(string userId)
    {
        lock (_lock)
            return [.. _follows.Where(f => f.UserId == userId).Select(f => f.ExternalUserId)];
    }

    public IReadOnlyList<string> Members()
    {
        lock (_lock)
            return [.. _follows.Select(f => f.UserId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    public (ExternalContact Contact, IReadOnlyList<FollowUser> Follows)? Get(string externalUserId)
    {
        lock (_lock)
        {
            if (!_contacts.TryGetValue(externalUserId, out var contact))
                return null;
            return (contact, [.. _follows.Where(f => f.ExternalUserId == externalUserId)]);
        }
    }

    /// <summary>Every (customer, follow) pair of these members, in a stable order for cursor paging.</summary>
    public IReadOnlyList<(ExternalContact Contact, FollowUser Follow)> FollowsOf(IReadOnlyCollection<string> userIds)
    {
        lock (_lock)
            return [.. _follows.Where(f => userIds.Contains(f.UserId)).Select(f => (_contacts[f.ExternalUserId], f))];
    }

    public bool IsFollowing(string userId, string externalUserId)
    {
        lock (_lock)
            return _following.Contains((userId, externalUserId));
    }

    public string? FirstFollowerOf(string externalUserId)
    {
        lock (_lock)
            return _follows.Find(f => f.ExternalUserId == externalUserId)?.UserId;
    }

    /// <returns>The code, now spent; null when unknown, used, or older than the welcome-code lifetime.</returns>
    public WelcomeCode? UseWelcomeCode(string code)
    {
        var lifetime = TimeSpan.FromSeconds(options.Value.WelcomeCodeLifetimeSeconds);
        lock (_lock)
        {
            if (!_welcomeCodes.TryGetValue(code, out var welcome) || welcome.Used || time.GetUtcNow() - welcome.IssuedAt > lifetime)
                return null;
            _welcomeCodes[code] = welcome with { Used = true };
            return welcome;
        }
    }

    public CustomerDelivery Deliver(string externalUserId, string fromUserId, string kind, string? text, JsonElement? attachments, string? msgId)
    {
        lock (_lock)
        {
            var delivery = new CustomerDelivery(++_nextId, externalUserId, fromUserId, kind, text, attachments, msgId, time.GetUtcNow());
            _deliveries.Add(delivery);
            return delivery;
        }
    }

    public IReadOnlyList<CustomerDelivery> DeliveriesTo(string externalUserId)
    {
        lock (_lock)
            return [.. _deliveries.Where(d => d.ExternalUserId == externalUserId)];
    }

    public void Reset()
    {
        lock (_lock)
        {
            _contacts.Clear();
            _follows.Clear();
            _following.Clear();
            _welcomeCodes.Clear();
            _deliveries.Clear();
        }
    }

    private static string RandomToken(int length) =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", length);
}
