using Bot.Conversations.Customers;
using Bot.Data.Import;

namespace Bot.Tests.Data;

public sealed class ImportValuesTests
{
    [Theory]
    [InlineData("2026-03-18", "2026-03-18")]
    [InlineData("2026/3/8", "2026-03-08")]
    [InlineData("2026.03.08", "2026-03-08")]
    [InlineData("2026年3月8日", "2026-03-08")]
    [InlineData("20260308", "2026-03-08")]
    [InlineData("2026-03-08 14:30", "2026-03-08")]
    [InlineData("46089", "2026-03-08")]
    public void TryDate_CommonSpreadsheetForms_Parse(string text, string expected)
    {
        Assert.True(ImportValues.TryDate(text, out var date, out _));
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), date);
    }

    [Theory]
    [InlineData("1985-06-12", 6, 12, 1985, false)]
    [InlineData("6月12日", 6, 12, null, false)]
    [InlineData("2-29", 2, 29, null, false)]
    [InlineData("农历8月15日", 8, 15, null, true)]
    [InlineData("农历1985年8月15日", 8, 15, 1985, true)]
    [InlineData("农历八月十五", 8, 15, null, true)]
    [InlineData("阴历八月十五日", 8, 15, null, true)]
    [InlineData("農曆八月十五", 8, 15, null, true)]
    [InlineData("农历正月初八", 1, 8, null, true)]
    [InlineData("正月初八", 1, 8, null, true)]
    [InlineData("腊月廿三", 12, 23, null, true)]
    [InlineData("农历冬月初十", 11, 10, null, true)]
    [InlineData("农历十一月三十", 11, 30, null, true)]
    public void TryBirthday_WithOrWithoutYearOrLunar(string text, int month, int day, int? year, bool lunar)
    {
        Assert.True(ImportValues.TryBirthday(text, out var birthday, out var reason), reason);
        Assert.Equal(new Birthday(month, day, year, lunar), birthday);
    }

    [Theory]
    [InlineData("大概腊八前后")]
    [InlineData("农历八月三十一")]
    [InlineData("农历十三月初一")]
    [InlineData("2月30日")]
    // The stored birthday has no leap-month flag (nor does LunarCalendar), so 闰四月 is refused rather than guessed.
    [InlineData("农历闰四月初八")]
    [InlineData("农历八月底")]
    public void TryBirthday_UnreadableOrImpossible_RefusedWithTheFormsThatWork(string text)
    {
        Assert.False(ImportValues.TryBirthday(text, out var birthday, out var reason));
        Assert.Null(birthday);
        Assert.EndsWith("可以写 " + ImportValues.BirthdayForms, reason);
    }

    [Fact]
    public void TryBirthday_EveryFormTheRefusalLists_IsRead()
    {
        ImportValues.TryBirthday("大概腊八前后", out _, out var reason);
        var forms = reason[(reason.IndexOf("可以写 ", StringComparison.Ordinal) + "可以写 ".Length)..].Split(["、", " 或 "], StringSplitOptions.None);

        Assert.Equal(6, forms.Length);
        Assert.All(forms, form => Assert.True(ImportValues.TryBirthday(form, out _, out _), form));
    }

    [Theory]
    [InlineData("138-0013-8000", "13800138000")]
    [InlineData("+86 139 0013 9000", "13900139000")]
    [InlineData("021-62345678", "02162345678")]
    public void TryPhone_MobileAndLandline_Normalised(string text, string expected)
    {
        Assert.True(ImportValues.TryPhone(text, out var phone, out _));
        Assert.Equal(expected, phone);
    }

    [Theory]
    [InlineData("110101199003074518")]
    [InlineData("6222021234567890123")]
    public void TryPhone_IdOrBankCardNumber_RefusedForPrivacy(string text)
    {
        Assert.False(ImportValues.TryPhone(text, out _, out var reason));
        Assert.Contains("隐私", reason);
    }

    [Theory]
    [InlineData(" 星辰网络科技(北京)有限公司 ", "星辰网络科技（北京）有限公司")]
    [InlineData("ＡＢＣ　科技", "ABC 科技")]
    public void CustomerNames_Normalize_OneSpellingPerName(string text, string expected) =>
        Assert.Equal(expected, CustomerNames.Normalize(text));
}
