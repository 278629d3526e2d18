using System.Text.RegularExpressions;
using Bot.Conversations.Team;

namespace Bot.Conversations.Reassignment;

/// <summary>A colleague named in a message, where.</summary>
public sealed record NamedMember(SalesUser User, int Start, int Length);

/// <summary>
/// Who gives and who takes in 「把张伟的客户都转给李娜」, 「刘洋离职了，他的客户分给张伟」, 「金禾以后归陈静跟」: the
/// colleague right after 给 / 归 / 由 / 到 / 改成 (or right before 接手 / 接管) takes, the others give. Colleagues are
/// found by their full names, longest first, those who left included.
/// </summary>
public static partial class ReassignmentWording
{
    [GeneratedRegex("(给|归|由|到|让|俾|畀|改成|改为|换成)\\s*$")]
    private static partial Regex TakerBefore();

    [GeneratedRegex("^\\s*(和|与|及|跟|、|,)\\s*$")]
    private static partial Regex Joiner();

    [GeneratedRegex("^\\s*(来)?(接手|接管|接过去|负责|来跟)")]
    private static partial Regex TakerAfter();

    [GeneratedRegex("^\\s*(的|手上|手里|名下|那边|那里|离职|走了|调走|不干)")]
    private static partial Regex GiverAfter();

    [GeneratedRegex("(从|把)\\s*$")]
    private static partial Regex GiverBefore();

    /// <summary>The colleagues a message names, left to right, without overlaps (张伟 in 张伟华 is not 张伟 when both exist).</summary>
    public static IReadOnlyList<NamedMember> Members(string text, IEnumerable<SalesUser> people)
    {
        var taken = new bool[text.Length];
        var found = new List<NamedMember>();
        foreach (var user in people.Where(u => u.Name.Length >= 2).OrderByDescending(u => u.Name.Length))
        {
            for (var at = text.IndexOf(user.Name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(user.Name, at + 1, StringComparison.Ordinal))
            {
                if (Array.IndexOf(taken, true, at, user.Name.Length) >= 0)
                    continue;
                Array.Fill(taken, true, at, user.Name.Length);
                found.Add(new NamedMember(user, at, user.Name.Length));
            }
        }
        return [.. found.OrderBy(m => m.Start)];
    }

    /// <summary>
    /// The colleagues who take the customers (one, when the message is clear). Words around a name decide; a name
    /// joined to a taker by 和 / 、 takes too; of two colleagues where one clearly gives (张伟的…, 从张伟…), the other takes.
    /// </summary>
    public static IReadOnlyList<SalesUser> Takers(string text, IReadOnlyList<NamedMember> named)
    {
        var scores = new List<(SalesUser User, int Score)>();
        for (var i = 0; i < named.Count; i++)
        {
            var joined = i > 0 && scores[i - 1].Score == 2 && Joiner().IsMatch(text[(named[i - 1].Start + named[i - 1].Length)..named[i].Start]);
            scores.Add((named[i].User, joined ? 2 : Score(text, named[i])));
        }
        var people = scores.GroupBy(s => s.User.Id).Select(g => (g.First().User, Score: g.Max(s => s.Score))).ToList();
        var best = people.Count == 0 ? 0 : people.Max(p => p.Score);
        if (best > 0)
            return [.. people.Where(p => p.Score == best).Select(p => p.User)];
        return people.Count == 2 && people.Count(p => p.Score < 0) == 1 ? [people.Single(p => p.Score == 0).User] : [];
    }

    /// <summary>The text with the colleagues' names blanked out, so none of them is read as a customer or a contact.</summary>
    public static string WithoutMembers(string text, IReadOnlyList<NamedMember> named)
    {
        var chars = text.ToCharArray();
        foreach (var m in named)
            Array.Fill(chars, ',', m.Start, m.Length);
        return new string(chars);
    }

    private static int Score(string text, NamedMember m)
    {
        var before = text[..m.Start];
        var after = text[(m.Start + m.Length)..];
        if (TakerBefore().IsMatch(before))
            return 2;
        if (GiverAfter().IsMatch(after) || GiverBefore().IsMatch(before))
            return -1;
        return TakerAfter().IsMatch(after) ? 1 : 0;
    }
}
