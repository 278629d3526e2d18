using Bot.Conversations.Customers;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding;
using Bot.Conversations.Understanding.Text;

namespace Bot.Conversations.Reassignment;

/// <summary>A plan ready to confirm, or what to say instead (a question, or why not).</summary>
public abstract record PlanResult
{
    public sealed record Ready(ReassignmentPlan Plan) : PlanResult;

    public sealed record Say(string Text) : PlanResult;
}

/// <summary>
/// Turns 「把张伟的客户都转给李娜」 / 「金禾和星辰交给李娜」 into a plan within what the sender may move: a manager
/// moves between the members of their own team (themselves included, those who left too), the customers of that
/// team; an admin moves anyone's. A colleague or customer outside that is refused; a missing giver or taker is asked for.
/// </summary>
public sealed class ReassignmentPlanner(IReassignmentStore store, CustomerDirectory directory)
{
    // Only a whole book or customers named can move: "half of them", "those few", "swap" need the names.
    private static readonly string[] PartOfABook = ["一半", "部分", "平均", "匀", "对调", "互换", "几家", "几个"];

    public async Task<PlanResult> FromMessageAsync(SalesUser user, string text, CancellationToken ct)
    {
        var everyone = await store.ListMembersAsync(ct);
        var named = ReassignmentWording.Members(text, everyone);
        // Not the sender's usual scope: a rep who left still has customers, and they are the ones most often moved.
        var mayMove = user.Role == UserRole.Admin ? everyone : [.. everyone.Where(u => u.ManagerId == user.Id || u.Id == user.Id)];
        bool Covers(long? owner) => user.Role == UserRole.Admin || (owner is { } id && mayMove.Any(u => u.Id == id));
        if (named.FirstOrDefault(m => !mayMove.Any(u => u.Id == m.User.Id)) is { } outside)
            return new PlanResult.Say($"{outside.User.Name}不在你的团队里，TA的客户要转的话请找管理员。");

        var takers = ReassignmentWording.Takers(text, named);
        if (takers.Count > 1)
            return new PlanResult.Say($"一次只能转给一个人，请分开说，比如先说「…转给{takers[0].Name}」，再说「…转给{takers[1].Name}」。");
        var taker = takers.SingleOrDefault();
        var givers = named.Select(m => m.User).Where(u => u.Id != taker?.Id).DistinctBy(u => u.Id).ToList();
        var view = await directory.GetAsync(ct);
        var mentions = view.Index.Find(ReassignmentWording.WithoutMembers(text, named)).Where(m => m.CustomerIds.Count > 0).ToList();
        if (mentions.Count == 0 && SalesVocabulary.ContainsAny(text, PartOfABook))
            return new PlanResult.Say($"要转哪几个客户？请说出客户名，比如「瑞丰和蓝海交给{taker?.Name ?? "李娜"}」；只说人名，就是把TA的客户全部转过去。");
        if (taker is null)
            return new PlanResult.Say(givers.Count == 0 && mentions.Count == 0
                ? "要把谁的客户转给谁？比如「把张伟的客户都转给李娜」，或「金禾和星辰交给李娜」。"
                : $"要转给谁？比如「{(givers.Count > 0 ? $"把{givers[0].Name}的客户都" : "")}转给{mayMove.FirstOrDefault(u => u.Active && givers.All(g => g.Id != u.Id))?.Name ?? "李娜"}」。");
        if (mentions.Count == 0)
            return givers.Count == 0
                ? new PlanResult.Say($"要把谁的客户转给{taker.Name}？比如「把张伟的客户都转给{taker.Name}」，或直接说客户名「金禾和星辰交给{taker.Name}」。")
                : await WholeBooksAsync(givers, taker, ct);

        var moves = new List<PlannedMove>();
        foreach (var mention in mentions)
        {
            var inScope = mention.CustomerIds.Where(id => Covers(view.OwnerOf(id))).ToList();
            if (inScope.Count == 0)
                return new PlanResult.Say($"「{mention.Text}」不在你负责的客户范围内，没法转。需要的话请找管理员。");
            var fromGivers = givers.Count == 0 ? inScope : [.. inScope.Where(id => givers.Any(g => g.Id == view.OwnerOf(id)))];
            if (fromGivers.Count == 0)
                return new PlanResult.Say($"「{mention.Text}」不是{string.Join("、", givers.Select(g => g.Name))}的客户，现在由{NameOf(everyone, view.OwnerOf(inScope[0]))}跟进。");
            if (fromGivers.Count > 1)
                return new PlanResult.Say($"「{mention.Text}」有 {fromGivers.Count} 家：{string.Join("、", fromGivers.Take(5).Select(id => view.Customers[id].LegalName))}。请说全称。");
            moves.Add(new PlannedMove(fromGivers[0], view.OwnerOf(fromGivers[0])));
        }
        return Ready(taker, [.. moves.DistinctBy(m => m.CustomerId)], wholeBook: false);
    }

    /// <summary>
    /// The command line's plan: the operator moves any member's customers — all of them, or those named (each must
    /// be the giver's and named unambiguously).
    /// </summary>
    public async Task<PlanResult> ForMembersAsync(SalesUser giver, SalesUser taker, IReadOnlyList<string> customerNames, CancellationToken ct)
    {
        if (customerNames.Count == 0)
            return await WholeBooksAsync([giver], taker, ct);
        var view = await directory.GetAsync(ct);
        var moves = new List<PlannedMove>();
        foreach (var name in customerNames.Select(TextNormalizer.Normalize))
        {
            var ids = view.Index.Find(name).Where(m => m.Start == 0 && m.Length == name.Length).SelectMany(m => m.CustomerIds).Distinct()
                .Where(id => view.OwnerOf(id) == giver.Id).ToList();
            if (ids.Count != 1)
                return new PlanResult.Say(ids.Count == 0 ? $"「{name}」不是{giver.Name}的客户。" : $"「{name}」是{giver.Name}的 {ids.Count} 个客户，请写全称。");
            moves.Add(new PlannedMove(ids[0], giver.Id));
        }
        return Ready(taker, [.. moves.DistinctBy(m => m.CustomerId)], wholeBook: false);
    }

    private async Task<PlanResult> WholeBooksAsync(IReadOnlyList<SalesUser> givers, SalesUser taker, CancellationToken ct)
    {
        var moves = new List<PlannedMove>();
        foreach (var giver in givers)
            moves.AddRange((await store.CustomersOfAsync(giver.Id, ct)).Select(id => new PlannedMove(id, giver.Id)));
        if (moves.Count == 0)
            return new PlanResult.Say($"{string.Join("、", givers.Select(g => g.Name))}名下没有客户。");
        return Ready(taker, moves, wholeBook: true);
    }

    private static PlanResult Ready(SalesUser taker, IReadOnlyList<PlannedMove> moves, bool wholeBook)
    {
        if (!taker.Active)
            return new PlanResult.Say($"{taker.Name}已经离职了，不能再接手客户。");
        var moving = moves.Where(m => m.FromUserId != taker.Id).ToList();
        if (moving.Count == 0)
            return new PlanResult.Say($"这些客户本来就是{taker.Name}的。");
        return new PlanResult.Ready(new ReassignmentPlan(taker.Id, moving, wholeBook));
    }

    private static string NameOf(IReadOnlyList<SalesUser> people, long? id) => people.FirstOrDefault(u => u.Id == id)?.Name ?? "别人";
}
