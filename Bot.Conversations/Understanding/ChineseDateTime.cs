using System.Text.RegularExpressions;
using Bot.Conversations.Common;

namespace Bot.Conversations.Understanding;

/// <summary>
/// Finds dates and times in a rep's message and resolves them against the message time in Shanghai:
/// "明天下午3点去海川医疗拜访", "下周三再跟进", "月底前要答复", "春节后", "农历八月十五", "两小时后".
/// </summary>
public static partial class ChineseDateTime
{
    // "10月12号，星期一": the weekday only confirms the date before it, so it joins the span and is not read again.
    [GeneratedRegex(@"\G[,、]?\s*(?:周|星期|礼拜)[一二三四五六日天]")]
    private static partial Regex ConfirmingWeekday();

    [GeneratedRegex(@"\G[\s,]*")]
    private static partial Regex Gap();

    // 明天这个时候: the day said, at the time it is now.
    [GeneratedRegex(@"\G(?:的)?(?:这个时候|这个时间|这个点|这时候|这会儿|同一时间|同一时候|同样时间)")]
    private static partial Regex SameTime();

    // Every character a date or time rule can start with (DateRules, TimeOfDay): other positions are skipped unread.
    private static readonly System.Buffers.SearchValues<char> Starts = System.Buffers.SearchValues.Create(
        "0123456789〇零一二两三四五六七八九十百千半农阴今明后去前正腊冬本这当下上月年大昨周星礼再过春除元国劳中端重圣情凌清早傍晚夜");

    public static IReadOnlyList<TimeExpression> FindAll(string text, DateTimeOffset now, DateBias bias = DateBias.Future)
    {
        var folded = ChineseText.Fold(text);
        var anchor = new Anchor(ChinaTime.ToChina(now).DateTime, bias);
        var found = new List<TimeExpression>();
        var i = 0;
        while (i < folded.Length)
        {
            if (!Starts.Contains(folded[i]) || ReadAt(folded, i, anchor) is not { } read)
            {
                i++;
                continue;
            }
            if (read.Value is { } moment)
                found.Add(new TimeExpression(i, read.End - i, text[i..read.End], moment.Date, moment.Time, moment.Approximate));
            i = read.End;
        }
        return found;
    }

    /// <summary>
    /// A yearly day written on its own — 八月十五, 农历正月初八, 腊月廿三, 农历8月15日 — as month, day and whether it is
    /// lunar (a birthday); null for anything else. Leap months (闰四月) are not read: a lunar day here is never in one.
    /// </summary>
    public static (int Month, int Day, bool Lunar)? ReadYearlyDay(string text) => DateRules.ReadMonthDay(ChineseText.Fold(text.Trim()));

    private static bool IsNumeral(char c) => char.IsAsciiDigit(c) || "零〇一二两三四五六七八九十".Contains(c, StringComparison.Ordinal);

    /// <summary>One expression at <paramref name="at"/>: a day, optionally followed by a time of day, or a time alone.</summary>
    private static (int End, Moment? Value)? ReadAt(string folded, int at, Anchor anchor)
    {
        if (DateRules.Match(folded, at, anchor) is { } day)
        {
            var end = day.End;
            var weekday = ConfirmingWeekday().Match(folded, end);
            if (weekday.Success)
                end += weekday.Length;
            if (day.Value is not { } moment || moment.Time is not null)
                return (end, day.Value);
            var gap = Gap().Match(folded, end).Length;
            if (SameTime().Match(folded, end + gap) is { Success: true } same)
                return (end + gap + same.Length, moment with { Time = new TimeOnly(anchor.TimeOfDay.Hour, anchor.TimeOfDay.Minute) });
            if (TimeOfDay.Match(folded, end + gap, moment.DayPart) is { } clock)
                return (clock.End, moment with { Date = clock.NextDay ? moment.Date.AddDays(1) : moment.Date, Time = clock.Time, Approximate = clock.Approximate });
            return (end, moment.DayPart is { } part ? moment with { Time = TimeOfDay.DefaultFor(part), Approximate = true } : moment);
        }
        // Inside a longer number ("2015" → "15点"?) there is no time to read; after a date there may be ("29五点").
        if ((at > 0 && IsNumeral(folded[at - 1])) || TimeOfDay.Match(folded, at, null) is not { } time)
            return null;
        var date = time.NextDay ? anchor.Today.AddDays(1) : anchor.Today;
        // Only a clock time with no day said rolls over: "下午3点" at 16:00 means tomorrow afternoon. A part of the day
        // alone does not: "上午给海川打了电话" said at 15:00 is this morning's call, not tomorrow's.
        if (anchor.Future && !time.NextDay && !time.Approximate && time.Time < anchor.TimeOfDay)
            date = date.AddDays(1);
        return (time.End, new Moment(date, time.Time, Approximate: time.Approximate));
    }
}
