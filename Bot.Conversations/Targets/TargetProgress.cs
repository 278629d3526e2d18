using System.Globalization;
using System.Text;
using Bot.Conversations.Common;
using Bot.Conversations.Reports;
using Bot.Conversations.Team;

namespace Bot.Conversations.Targets;

/// <summary>One person's target (null when none is set) and what they signed in the period.</summary>
public sealed record PersonProgress(string Name, decimal? Target, decimal SignedAmount, int Deals)
{
    public double? Rate => Target is > 0 ? (double)(SignedAmount / Target.Value) : null;
}

/// <summary>
/// Targets against signed amounts for a month or quarter. The group's target is the one set for the team (or the
/// company) when there is one, otherwise the sum of the people's; <see cref="GroupTargetIsSum"/> says which.
/// </summary>
public sealed record TargetProgress(TargetPeriod Period, decimal? GroupTarget, bool GroupTargetIsSum, decimal GroupSignedAmount, int GroupDeals, IReadOnlyList<PersonProgress> People)
{
    /// <summary>People with a target by completion, best first; then those without one by amount signed.</summary>
    public IReadOnlyList<PersonProgress> Ranked =>
        [.. People.Where(p => p.Rate is not null).OrderByDescending(p => p.Rate).ThenByDescending(p => p.SignedAmount),
            .. People.Where(p => p.Rate is null).OrderByDescending(p => p.SignedAmount)];

    public string Render(string whose, DateOnly today, bool group)
    {
        var text = new StringBuilder($"**{whose}目标完成情况 · {Period.Label(today)}**");
        if (today >= Period.Start && today < Period.End)
        {
            var days = Period.End.DayNumber - Period.Start.DayNumber;
            var gone = today.DayNumber - Period.Start.DayNumber + 1;
            text.Append($"（已过 {gone}/{days} 天，{(100.0 * gone / days).ToString("0", CultureInfo.InvariantCulture)}%）");
        }
        text.Append('\n').Append(group ? (GroupTargetIsSum ? "合计（个人目标之和）：" : "整体：") : "");
        text.Append(Line(GroupSignedAmount, GroupTarget));
        if (!group)
            return text.ToString();
        var ranked = Ranked;
        var withTarget = ranked.Where(p => p.Rate is not null).ToList();
        if (withTarget.Count > 0)
        {
            text.Append("\n**排名**");
            foreach (var (person, i) in withTarget.Select((p, i) => (p, i)))
                text.Append($"\n{i + 1}. {person.Name}：{Line(person.SignedAmount, person.Target)}");
        }
        var without = ranked.Where(p => p.Rate is null).ToList();
        if (without.Count > 0)
            text.Append("\n未设目标：" + string.Join("、", without.Select(p => p.SignedAmount > 0 ? $"{p.Name}（已签 {ChineseFormat.Money(p.SignedAmount)}）" : p.Name)));
        return text.ToString();
    }

    /// <summary>"已签 45万 / 目标 50万（90%），还差 5万" — or 超额 when above.</summary>
    public static string Line(decimal signedAmount, decimal? target)
    {
        if (target is not > 0)
            return $"已签 {ChineseFormat.Money(signedAmount)}，未设目标";
        var rate = (100 * signedAmount / target.Value).ToString("0", CultureInfo.InvariantCulture);
        var gap = target.Value - signedAmount;
        return $"已签 {ChineseFormat.Money(signedAmount)} / 目标 {ChineseFormat.Money(target.Value)}（{rate}%）"
            + (gap > 0 ? $"，还差 {ChineseFormat.Money(gap)}" : gap < 0 ? $"，超额 {ChineseFormat.Money(-gap)}" : "，刚好完成");
    }

    public IReadOnlyList<TargetBar> Bars() =>
        [.. Ranked.Where(p => p.Target is > 0).Select(p => new TargetBar(p.Name, p.Target!.Value, p.SignedAmount))];

    /// <param name="viewer">Whose team (or company) target is the group's; null when nobody's is.</param>
    public static async Task<TargetProgress> BuildAsync(
        ITargetRepository targets, ISalesResults results, ReportAudience audience, SalesUser? viewer, TargetPeriod period, CancellationToken ct)
    {
        var people = audience.People;
        var ids = people.Select(p => p.Id).Concat(viewer is null ? [] : [viewer.Id]).Distinct().ToList();
        var set = await targets.ListAsync(ids, period, ct);
        var signedBy = (await results.SignedAsync(audience.OwnerIds, Common.ChinaTime.At(period.Start, TimeOnly.MinValue), Common.ChinaTime.At(period.End, TimeOnly.MinValue), ct))
            .ToDictionary(s => s.OwnerId);
        // A manager or admin is listed only when they sell too (a target of their own, or deals signed).
        var progress = people
            .Select(p => (User: p, Progress: new PersonProgress(p.Name, set.FirstOrDefault(t => t.UserId == p.Id && t.Scope == TargetScope.Personal)?.Amount,
                signedBy.GetValueOrDefault(p.Id)?.Amount ?? 0, signedBy.GetValueOrDefault(p.Id)?.Deals ?? 0)))
            .Where(x => x.User.Role == UserRole.Rep || people.Count == 1 || x.Progress.Target is not null || x.Progress.SignedAmount > 0)
            .Select(x => x.Progress)
            .ToList();
        var groupSigned = audience.OwnerIds is null ? [.. signedBy.Values] : signedBy.Values.Where(s => audience.OwnerIds.Contains(s.OwnerId)).ToList();
        var team = audience.Named is null && audience.IsGroup ? set.FirstOrDefault(t => t.UserId == viewer?.Id && t.Scope == TargetScope.Team) : null;
        var sum = progress.Where(p => p.Target is not null).Sum(p => p.Target);
        var groupTarget = team?.Amount ?? (audience.IsGroup ? (sum > 0 ? sum : null) : progress.FirstOrDefault()?.Target);
        return new TargetProgress(period, groupTarget, team is null && audience.IsGroup, groupSigned.Sum(s => s.Amount), groupSigned.Sum(s => s.Deals), progress);
    }
}
