using System.Text;
using System.Text.RegularExpressions;

namespace Bot.Conversations.Understanding;

/// <summary>
/// Chinese ID card numbers (18 digits, valid checksum) and bank card numbers (13–19 digits, Luhn-valid) are
/// personal data the privacy rules forbid storing. They are masked before a message is stored or logged, in the
/// form they were typed: a phone's Chinese keyboard gives full-width digits (１１０１…), spaces (　), dashes (－) and Ｘ,
/// and raw text is stored before it is normalised.
/// </summary>
public static partial class PersonalData
{
    private static readonly int[] IdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string IdCheckCodes = "10X98765432";

    // Digits half- or full-width; between groups at most one space or dash of either width (110101 19800101 0053),
    // also the dashes phones and word processors substitute (‐ ‑ ‒ – — −).
    private const string Digit = "[0-9０-９]";
    private const string Gap = "[ \u00A0\u3000\\-\uFF0D\u2010-\u2014\u2212]?";

    // 18 characters, the last one a digit or X.
    [GeneratedRegex($"(?<!{Digit}){Digit}(?:{Gap}{Digit}){{16}}{Gap}[0-9０-９XxＸｘ](?![0-9０-９A-Za-zＡ-Ｚａ-ｚ])")]
    private static partial Regex IdCardCandidate();

    [GeneratedRegex($"(?<!{Digit}){Digit}(?:{Gap}{Digit}){{12,18}}(?!{Digit})")]
    private static partial Regex BankCardCandidate();

    private const string IdMask = "[身份证号已隐去]";
    private const string BankMask = "[银行卡号已隐去]";

    /// <summary>The text with every ID and bank card number masked; <c>Redacted</c> also when it was masked before (stored text).</summary>
    public static (string Text, bool Redacted) Redact(string text)
    {
        var redacted = text.Contains(IdMask, StringComparison.Ordinal) || text.Contains(BankMask, StringComparison.Ordinal);
        var result = IdCardCandidate().Replace(text, m =>
        {
            if (!IsIdCard(Plain(m.Value)))
                return m.Value;
            redacted = true;
            return IdMask;
        });
        result = BankCardCandidate().Replace(result, m =>
        {
            var digits = Plain(m.Value);
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

    /// <summary>A candidate as ASCII digits (and X) alone: full-width folded, the gaps dropped.</summary>
    private static string Plain(string candidate)
    {
        var plain = new StringBuilder(candidate.Length);
        foreach (var c in candidate)
        {
            if (c is >= '０' and <= '９')
                plain.Append((char)('0' + (c - '０')));
            else if (c is 'Ｘ' or 'ｘ')
                plain.Append('X');
            else if (char.IsAsciiDigit(c) || c is 'X' or 'x')
                plain.Append(c);
        }
        return plain.ToString();
    }

    private static bool IsMobileOrLandline(string digits) => digits.Length <= 12 && digits[0] is '0' or '1';
}
