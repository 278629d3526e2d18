using System.Security.Cryptography;
using System.Text.Json;

namespace Bot.Sandbox.Emulator;

/// <summary>企业群发: nothing reaches a customer until the sender confirms the task.</summary>
public sealed class GroupMessageStore(ContactStore contacts, Microsoft.Extensions.Options.IOptions<WeComEmulatorOptions> options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly List<GroupMessageTask> _tasks = [];

    // Every msgid handed out, including those whose customers all failed: WeCom still knows such a msgid.
    private readonly HashSet<string> _msgIds = [];

    /// <summary>
    /// Splits the customers among senders: the given sender, or else each customer's first follower.
    /// Customers nobody (or not that sender) follows go to the fail list.
    /// </summary>
    public (string MsgId, IReadOnlyList<string> FailList) Add(string? sender, IReadOnlyList<string> externalUserIds, string? text, JsonElement? attachments)
    {
        var msgId = "msg" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var failed = new List<string>();
        var bySender = new Dictionary<string, List<GroupMessageTarget>>();
        foreach (var customer in externalUserIds.Distinct())
        {
            var owner = sender is null ? contacts.FirstFollowerOf(customer) : contacts.IsFollowing(sender, customer) ? sender : null;
            if (owner is null)
            {
                failed.Add(customer);
                continue;
            }
            if (!bySender.TryGetValue(owner, out var targets))
                bySender[owner] = targets = [];
            targets.Add(new GroupMessageTarget(customer, 0, null));
        }
        var now = time.GetUtcNow();
        lock (_lock)
        {
            _msgIds.Add(msgId);
            foreach (var (owner, targets) in bySender)
                _tasks.Add(new GroupMessageTask(msgId, owner, text, attachments, now, false, targets));
        }
        return (msgId, failed);
    }

    public IReadOnlyList<GroupMessageTask> Tasks(string? sender = null, bool? confirmed = null)
    {
        lock (_lock)
            return [.. _tasks.Where(t => (sender is null || t.Sender == sender) && (confirmed is null || t.Confirmed == confirmed))];
    }

    /// <summary>The senders' tasks of a msgid; null when WeCom never issued it.</summary>
    public IReadOnlyList<GroupMessageTask>? TasksOf(string msgId)
    {
        lock (_lock)
            return _msgIds.Contains(msgId) ? [.. _tasks.Where(t => t.MsgId == msgId)] : null;
    }

    /// <summary>get_groupmsg_list_v2: the creator's group sends created in [from, to], oldest first.</summary>
    public IReadOnlyList<GroupMessageTask> CreatedBy(string? creator, DateTimeOffset from, DateTimeOffset to)
    {
        lock (_lock)
        {
            return [.. _tasks.Where(t => (creator is null || t.Sender == creator) && t.CreateTime >= from && t.CreateTime <= to)
                .DistinctBy(t => t.MsgId)];
        }
    }

    /// <summary>The sender taps 发送: each customer still a friend, with group sends left this month, receives it.</summary>
    /// <returns>The confirmed task, or null when there is no pending task of that sender.</returns>
    public GroupMessageTask? Confirm(string msgId, string sender)
    {
        lock (_lock)
        {
            var index = _tasks.FindIndex(t => t.MsgId == msgId && t.Sender == sender && !t.Confirmed);
            if (index < 0)
                return null;
            var task = _tasks[index];
            var now = time.GetUtcNow();
            var quota = options.Value.GroupSendsPerCustomerPerMonth is > 0 and var q ? q : DateTime.DaysInMonth(now.Year, now.Month);
            var targets = task.Targets.Select(target =>
            {
                if (!contacts.IsFollowing(sender, target.ExternalUserId))
                    return target with { Status = 2 };
                if (contacts.DeliveriesTo(target.ExternalUserId).Count(d => d.Kind == "group_msg" && d.Time.Year == now.Year && d.Time.Month == now.Month) >= quota)
                    return target with { Status = 3 };
                contacts.Deliver(target.ExternalUserId, sender, "group_msg", task.Text, task.Attachments, msgId);
                return target with { Status = 1, SendTime = now };
            }).ToList();
            _tasks[index] = task with { Confirmed = true, Targets = targets };
            return _tasks[index];
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            _tasks.Clear();
            _msgIds.Clear();
        }
    }
}
