using System.Globalization;
using System.Text.RegularExpressions;
using Bot.Conversations.Customers;
using Bot.Conversations.Understanding;

namespace Bot.Data.Import;

/// <summary>Cell parsers shared by the importers; each returns a Chinese reason when it refuses a value.</summary>
public static partial class ImportValues
{
    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);

    [GeneratedRegex(@"^(?<y>\d{4})\s*[-/.年]\s*(?<m>\d{1,2})\s*[-/.月]\s*(?<d>\d{1,2})\s*[日号]?(\s+\d{1,2}:\d{2}(:\d{2})?)?$")]
    private static partial Regex FullDate();

    [GeneratedRegex(@"^(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})$")]
    private static partial Regex CompactDate();

    [GeneratedRegex(@"^(?<m>\d{1,2})\s*[-/.月]\s*(?<d>\d{1,2})\s*[日号]?$")]
    private static partial Regex MonthDay();

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"^0\d{2,3}\d{7,8}(转\d{1,6})?$")]
    private static partial Regex Landline();

    [GeneratedRegex(@"^\d{17}[\dXx]$|^\d{15}$|^\d{16,19}$")]
    private static partial Regex IdOrCardLike();

    public static bool TryDate(string text, out DateOnly date, out string reason)
    {
        reason = "";
        var s = text.Trim();
        var m = FullDate().Match(s);
        if (!m.Success)
            m = CompactDate().Match(s);
        if (m.Success)
        {
            if (TryBuild(int.Parse(m.Groups["y"].Value), int.Parse(m.Groups["m"].Value), int.Parse(m.Groups["d"].Value), out date))
                return true;
            reason = $"日期「{text}」不存在";
            return false;
        }
        // Excel hands over its serial day number when a date cell is exported unformatted.
        if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var serial) && serial is > 20_000 and < 80_000)
        {
            date = ExcelEpoch.AddDays(serial);
            return true;
        }
        date = default;
        reason = $"日期「{text}」看不懂，请用 2025-03-18 这样的格式";
        return false;
    }

    /// <summary>The spellings <see cref="TryBirthday"/> reads, one example each; the refusal lists them and the tests import each.</summary>
    public const string BirthdayForms = "1985-06-12、6月12日、农历8月15日、农历八月十五、农历正月初八 或 腊月廿三";

    public static bool TryBirthday(string text, out Birthday? birthday, out string reason)
    {
        birthday = null;
        reason = "";
        var s = text.Trim();
        var lunar = s.StartsWith("农历", StringComparison.Ordinal) || s.StartsWith("阴历", StringComparison.Ordinal);
        if (lunar)
            s = s[2..].Trim();
        if (TryDate(s, out var full, out _) && full.Year > 1900)
        {
            birthday = new Birthday(full.Month, full.Day, full.Year, lunar);
            return true;
        }
        var md = MonthDay().Match(s);
        var yearly = md.Success ? (int.Parse(md.Groups["m"].Value), int.Parse(md.Groups["d"].Value), lunar) : ChineseDateTime.ReadYearlyDay(text);
        // 2000 is a leap year, so 2月29日 is a valid birthday without a year; a lunar month has at most 30 days.
        if (yearly is (var month, var day, var isLunar) && TryBuild(2000, month, day, out _) && (!isLunar || day <= 30))
        {
            birthday = new Birthday(month, day, null, isLunar);
            return true;
        }
        reason = $"生日「{text}」看不懂，已留空，这一行其余内容照常导入；可以写 {BirthdayForms}";
        return false;
    }

    /// <summary>
    /// Mobile or landline numbers only. Anything shaped like an ID card or bank card number is refused:
    /// the privacy rules forbid storing them, even by mistake in the phone column.
    /// </summary>
    public static bool TryPhone(string text, out string phone, out string reason)
    {
        reason = "";
        var s = text.Trim().Replace(" ", "").Replace("-", "").Replace("—", "");
        if (s.StartsWith("+86", StringComparison.Ordinal))
            s = s[3..];
        else if (s.StartsWith("0086", StringComparison.Ordinal))
            s = s[4..];
        phone = s;
        if (Mobile().IsMatch(s) || Landline().IsMatch(s))
            return true;
        reason = IdOrCardLike().IsMatch(s)
            ? "电话一栏像是身份证号或银行卡号，按隐私规定不能导入"
            : $"电话「{text}」格式不对";
        return false;
    }

    public static bool TryStage(string text, out FunnelStage stage, out string reason)
    {
        reason = FunnelStages.TryParse(text, out stage) ? "" : $"阶段「{text}」不认识，可填 潜在/意向/洽谈/成交/流失";
        return reason.Length == 0;
    }

    public static bool TryAmount(string text, out decimal amount, out string reason)
    {
        reason = "";
        var trimmed = text.Trim();
        if (trimmed.StartsWith('-') || trimmed.StartsWith('－') || trimmed.StartsWith('负'))
        {
            amount = 0;
            reason = $"金额不能为负数（{text}）";
            return false;
        }
        if (!ChineseNumber.TryParse(trimmed, out amount))
        {
            reason = $"金额「{text}」看不懂";
            return false;
        }
        amount = decimal.Round(amount, 2);
        return true;
    }

    public static bool TryCount(string text, out int count, out string reason)
    {
        reason = "";
        if (ChineseNumber.TryParse(text, out var value) && value >= 0 && value == decimal.Truncate(value) && value < int.MaxValue)
        {
            count = (int)value;
            return true;
        }
        count = 0;
        reason = $"次数「{text}」应为非负整数";
        return false;
    }

    private static bool TryBuild(int year, int month, int day, out DateOnly date)
    {
        date = default;
        if (year is < 1900 or > 2100 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return false;
        date = new DateOnly(year, month, day);
        return true;
    }
}
