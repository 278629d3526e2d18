namespace Bot.Conversations.Reports;

/// <summary>One bar of the funnel chart: a stage's Chinese name and how many customers are in it.</summary>
public sealed record StageBar(string Stage, int Count);

/// <summary>One rep's (or the team's) target and what was signed against it, in yuan.</summary>
public sealed record TargetBar(string Name, decimal Target, decimal Achieved);

/// <summary>One day of the activity trend: interactions logged and deals won that day.</summary>
public sealed record ActivityDay(DateOnly Day, int Interactions, int Won);

/// <summary>
/// The report pictures, as PNG bytes a phone shows well (about 800×500 px, Chinese labels). Each is sent after the
/// text that says the same, so the text stays the whole answer where a picture cannot be shown.
/// </summary>
public interface IReportCharts
{
    /// <summary>Horizontal bars from the first stage down, with each count and the share of the first stage.</summary>
    byte[] Funnel(string title, IReadOnlyList<StageBar> stages);

    /// <summary>
    /// Per person: the share of their own target achieved (bar and percent, the amounts beside it) against the target
    /// as a 100 % line; best first, people without a target (0) last with what they signed.
    /// </summary>
    byte[] TargetAchievement(string title, IReadOnlyList<TargetBar> people);

    /// <summary>Interactions per day as a line (and wins as points), days on the x axis as M/d; a day not listed is 0.</summary>
    byte[] ActivityTrend(string title, IReadOnlyList<ActivityDay> days);
}
