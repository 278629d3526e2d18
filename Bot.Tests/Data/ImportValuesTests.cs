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
    [InlineData("农历八月十五", 0, 0, null, true)]
    [InlineData("农历8月15日", 8, 15, null, true)]
    public void TryBirthday_WithOrWithoutYearOrLunar(string text, int month, int day, int? year, bool lunar)
    {
        var ok = ImportValues.TryBirthday(text, out var birthday, out _);
        if (month == 0)
        {
            Assert.False(ok);
            return;
        }
        Assert.True(ok);
        Assert.Equal(new Birthday(month, day, year, lunar), birthday);
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
