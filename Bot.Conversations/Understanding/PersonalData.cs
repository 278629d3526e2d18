using System.Text.RegularExpressions;

namespace Bot.Conversations.Understanding;

/// <summary>
/// Chinese ID card numbers (18 digits, valid checksum) and bank card numbers (13–19 digits, Luhn-valid) are
/// personal data the privacy rules forbid storing. They are masked before a message is stored or logged.
/// </summary>
public static partial class PersonalData
{
    private static readonly int[] IdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string IdCheckCodes = "10X98765432";

    // 18 characters, last one a digit or X, with or without spaces or dashes between groups (110101 19800101 0053).
    [GeneratedRegex(@"(?<![0-9])[1-9](?:[ -]?[0-9]){16}[ -]?[0-9Xx](?![0-9A-Za-z])")]
    private static partial Regex IdCardCandidate();

    private const string IdMask = "[身份证号已隐去]";
    private const string BankMask = "[银行卡号已隐去]";

    [GeneratedRegex(@"(?<![0-9])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])")]
    private static partial Regex BankCardCandidate();

    /// <summary>The text with every ID and bank card number masked; <c>Redacted</c> also when it was masked before (stored text).</summary>
    public static (string Text, bool Redacted) Redact(string text)
    {
        var redacted = text.Contains(IdMask, StringComparison.Ordinal) || text.Contains(BankMask, StringComparison.Ordinal);
        var result = IdCardCandidate().Replace(text, m =>
        {
            if (!IsIdCard(m.Value.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal)))
                return m.Value;
            redacted = true;
            return IdMask;
        });
        result = BankCardCandidate().Replace(result, m =>
        {
            var digits = m.Value.Replace(" ", "").Replace("-", "");
            if (digits.Length is < 13 or > 19 || !Luhn(digits) || IsMobileOrLandline(digits))
                return m.Value;
            redacted = true;
            return BankMask;
        });
        return (result, redacted);
    }

    public static bool IsIdCard(string value)
    {
        if (value.Length != 18)
            return false;
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
                return false;
            sum += (value[i] - '0') * IdWeights[i];
        }
        return char.ToUpperInvariant(value[17]) == IdCheckCodes[sum % 11];
    }

    public static bool Luhn(string digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt && (d *= 2) > 9)
                d -= 9;
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    private static bool IsMobileOrLandline(string digits) => digits.Length <= 12 && digits[0] is '0' or '1';
}
