using System.Text.RegularExpressions;

namespace Bot.Conversations.Understanding;

/// <summary>
/// The clock part: 下午3点 · 三点半 · 三点一刻 · 15:30 · 晚上19:30 · 凌晨2点半, and a bare 下午 / 晚上 with a default hour.
/// </summary>
internal static partial class TimeOfDay
{
    private const string Parts = "凌晨|清晨|早晨|早上|一早|上午|中午|下午|傍晚|晚上|夜里|夜间|早|晚";

    [GeneratedRegex(@"\G(?<part>" + Parts + @")?(?:(?<h>[0-9]{1,2}):(?<mi>[0-9]{2})(?![0-9])|(?<h>[0-9]{1,2}|[零〇一二两三四五六七八九十]{1,3})[点时](?:(?<half>半)|(?<q>[一三])刻|(?<mi>[0-9]{1,2}|[零〇一二三四五六七八九十]{1,3})分?|整)?)(?![0-9零〇一二两三四五六七八九十百千万亿元块wWkK%.])")]
    private static partial Regex Clock();

    // 10am, 3:30 pm, 9 a.m.
    [GeneratedRegex(@"\G(?<h>1[0-2]|0?[1-9])(?::(?<mi>[0-5][0-9]))?\s*(?<m>am|pm|a\.m\.|p\.m\.)(?![a-z])", RegexOptions.IgnoreCase)]
    private static partial Regex Meridiem();

    // A part of the day on its own ("明天下午过去"); single-character 早/晚 would match 早稻田 and 晚饭.
    [GeneratedRegex(@"\G(?<part>清晨|早晨|早上|一早|上午|中午|下午|傍晚|晚上|夜里)")]
    private static partial Regex PartAlone();

    /// <summary>
    /// The time at <paramref name="at"/>, reading hours through the part of the day said here or carried over
    /// from 今晚/明早 (<paramref name="inheritedPart"/>). <c>NextDay</c> is set for 晚上12点; <c>Approximate</c> for a part of
    /// the day said without a clock time (its usual hour stands in).
    /// </summary>
    public static (int End, TimeOnly Time, bool NextDay, bool Approximate)? Match(string folded, int at, string? inheritedPart)
    {
        var meridiem = Meridiem().Match(folded, at);
        if (meridiem.Success)
        {
            var h = DateRules.Number(meridiem.Groups["h"].Value) % 12 + (char.ToLowerInvariant(meridiem.Groups["m"].Value[0]) == 'p' ? 12 : 0);
            var m = meridiem.Groups["mi"].Success ? DateRules.Number(meridiem.Groups["mi"].Value) : 0;
            return (at + meridiem.Length, new TimeOnly(h, m), false, false);
        }
        var clock = Clock().Match(folded, at);
        if (clock.Success)
        {
            var part = clock.Groups["part"].Success ? clock.Groups["part"].Value : inheritedPart;
            var hour = DateRules.Number(clock.Groups["h"].Value);
            var minute = clock.Groups["half"].Success ? 30
                : clock.Groups["q"].Success ? (clock.Groups["q"].Value == "一" ? 15 : 45)
                : clock.Groups["mi"].Success ? DateRules.Number(clock.Groups["mi"].Value) : 0;
            if (hour is < 0 or > 24 || minute is < 0 or > 59)
                return null;
            var (h, nextDay) = Hour(hour, part);
            return (at + clock.Length, new TimeOnly(h, minute), nextDay, false);
        }
        var alone = PartAlone().Match(folded, at);
        return alone.Success ? (at + alone.Length, DefaultFor(alone.Value), false, true) : null;
    }

    /// <summary>The hour a rep means by a part of the day said alone (明天下午 → 15:00), and for 今晚 / 明早.</summary>
    public static TimeOnly DefaultFor(string part) => part switch
    {
        "中午" => new(12, 0),
        "下午" => new(15, 0),
        "傍晚" => new(18, 0),
        "晚上" or "夜里" => new(20, 0),
        "上午" => new(10, 0),
        // 早上 in business talk is the start of office hours, not dawn.
        _ => new(9, 0),
    };

    private static (int Hour, bool NextDay) Hour(int hour, string? part) => part switch
    {
        _ when hour == 24 => (0, true),
        "凌晨" => (hour == 12 ? 0 : hour, false),
        "中午" => (hour <= 3 ? hour + 12 : hour, false),
        "下午" or "傍晚" => (hour < 12 ? hour + 12 : hour, false),
        "晚上" or "晚" or "夜里" or "夜间" => hour == 12 ? (0, true) : (hour < 12 ? hour + 12 : hour, false),
        // No part of the day: 3点 in a sales chat is 15:00 (nobody visits a client at 3 a.m.); 8点 stays 08:00.
        null => (hour is >= 1 and <= 6 ? hour + 12 : hour, false),
        _ => (hour, false),
    };
}
