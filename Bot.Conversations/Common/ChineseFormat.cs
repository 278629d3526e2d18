using System.Globalization;

namespace Bot.Conversations.Common;

/// <summary>Dates and money the way a colleague would write them in chat: 12月2日（周三）, 下午3:00, 15万.</summary>
public static class ChineseFormat
{
    private static readonly string[] Weekdays = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];

    public static string Day(DateOnly date, DateOnly today)
    {
        var label = $"{date.Month}月{date.Day}日（{Weekdays[(int)date.DayOfWeek]}）";
        return (date.DayNumber - today.DayNumber) switch
        {
            0 => "今天 " + label,
            1 => "明天 " + label,
            2 => "后天 " + label,
            _ when date.Year != today.Year => $"{date.Year}年{label}",
            _ => label,
        };
    }

    public static string DayAndTime(DateTimeOffset instant, DateOnly today)
    {
        var local = ChinaTime.ToChina(instant);
        return $"{Day(DateOnly.FromDateTime(local.DateTime), today)} {local:HH:mm}";
    }

    public static string Money(decimal yuan) => yuan switch
    {
        >= 100_000_000 => (yuan / 100_000_000).ToString("0.##", CultureInfo.InvariantCulture) + "亿",
        >= 10_000 => (yuan / 10_000).ToString("0.##", CultureInfo.InvariantCulture) + "万",
        _ => yuan.ToString("0.##", CultureInfo.InvariantCulture) + "元",
    };
}
