using Bot.Conversations.Pipeline;
using Bot.Conversations.Team;

namespace Bot.Conversations.Reassignment;

/// <summary>What the bot says about a reassignment: the question before, the summary after, and the two reps' notices.</summary>
public static class ReassignmentText
{
    public const string ConfirmWord = "确认";

    public const string CannotUndo = "客户转移已经执行，不能撤销：企业微信的客户转接一旦发起就撤不回。要转回去，请再发一次转移（算新的一次，同样要确认）。";

    /// <summary>One line: how many customers and WeChat accounts would move, from whom to whom.</summary>
    public static string Question(ReassignmentPlan plan, ReassignmentPreview preview, IReadOnlyDictionary<long, SalesUser> people, Func<long, string> customerName)
    {
        var givers = Givers(plan.FromUserIds, people);
        var taker = people[plan.ToUserId].Name;
        var what = plan.WholeBook
            ? $"{givers}的 {preview.Customers} 个客户"
            : $"{Names(plan.Moves.Select(m => customerName(m.CustomerId)).ToList())}（{preview.Customers} 个客户，原由{givers}跟进）";
        return $"确认把{what}转给{taker}吗？企业微信联系人 {preview.WeComContacts} 位会一起发起转接，未完成的跟进 {preview.Reminders} 条、在跟商机 {preview.Deals} 个也转给{taker}，" +
            $"已成交和丢单的仍记在{givers}名下。回复「{ConfirmWord}」执行。";
    }

    /// <summary>The summary for whoever asked: what moved, what WeCom will do, who was told, and that it cannot be undone.</summary>
    public static string Done(ReassignmentOutcome outcome, int planned, IReadOnlyDictionary<long, SalesUser> people, long toUserId, IReadOnlyList<string> told)
    {
        var taker = people[toUserId].Name;
        var givers = Givers(outcome.Customers.Select(c => c.FromUserId).OfType<long>().Distinct(), people);
        var text = $"已把{givers}的 {outcome.Customers.Count} 个客户转给{taker}：{Names([.. outcome.Customers.Select(c => c.Name)])}。" +
            $"未完成的跟进 {outcome.Reminders} 条、在跟商机 {outcome.Deals} 个一起转了，已成交和丢单的仍记在{givers}名下。";
        if (outcome.Customers.Count < planned)
            text += $"另有 {planned - outcome.Customers.Count} 个客户在确认前已换了负责人，没有动。";
        if (outcome.WeComContacts > 0)
            text += $"企业微信联系人 {outcome.WeComContacts} 位将发起转接，客户 24 小时内没拒绝就自动转到{taker}名下；有人拒绝或转不过去，我会告诉双方。";
        if (told.Count > 0)
            text += $"已通知{string.Join("、", told)}。";
        return text + "这次转移不能撤销，要转回去就再发一次转移。";
    }

    /// <summary>The new rep hears what they got; each old rep still with the company, what left them. Whoever asked hears the summary instead.</summary>
    public static IReadOnlyList<ScheduledNotice> Notices(ReassignmentOutcome outcome, IReadOnlyDictionary<long, SalesUser> people, long toUserId, SalesUser? actor)
    {
        var actorName = actor?.Name ?? "管理员";
        var taker = people[toUserId];
        var notices = new List<ScheduledNotice>();
        var givers = Givers(outcome.Customers.Select(c => c.FromUserId).OfType<long>().Distinct(), people);
        if (taker.Active && taker.Id != actor?.Id)
        {
            var accounts = outcome.WeComContacts > 0 ? $"其中 {outcome.WeComContacts} 位联系人的企业微信会在 24 小时后转到你名下（客户可以拒绝）。" : "";
            notices.Add(new ScheduledNotice($"reassign:{outcome.Id}:to", taker.WeComUserId, Reply.Plain(
                $"{actorName}把{givers}的 {outcome.Customers.Count} 个客户转给了你：{Names([.. outcome.Customers.Select(c => c.Name)])}，" +
                $"连同未完成的跟进 {outcome.Reminders} 条、在跟商机 {outcome.Deals} 个。{accounts}")));
        }
        foreach (var group in outcome.Customers.Where(c => c.FromUserId is not null).GroupBy(c => c.FromUserId!.Value))
        {
            if (!people.TryGetValue(group.Key, out var giver) || !giver.Active || giver.Id == actor?.Id)
                continue;
            var accounts = group.Sum(c => c.WeComContacts) is var k and > 0 ? $"企业微信里的 {k} 位客户联系人会在 24 小时后转到{taker.Name}名下。" : "";
            notices.Add(new ScheduledNotice($"reassign:{outcome.Id}:from:{giver.Id}", giver.WeComUserId, Reply.Plain(
                $"{actorName}把你的 {group.Count()} 个客户转给了{taker.Name}：{Names([.. group.Select(c => c.Name)])}。" +
                $"相关的未完成跟进和在跟商机已一起转过去，已成交和丢单的仍算你的业绩。{accounts}")));
        }
        return notices;
    }

    private static string Givers(IEnumerable<long> ids, IReadOnlyDictionary<long, SalesUser> people)
    {
        var names = ids.Select(id => people.TryGetValue(id, out var u) ? u.Name : null).OfType<string>().ToList();
        return names.Count == 0 ? "无人负责" : string.Join("、", names);
    }

    /// <summary>Up to five names, then 等.</summary>
    private static string Names(List<string> names) =>
        string.Join("、", names.Take(5)) + (names.Count > 5 ? " 等" : "");
}
