using Bot.Conversations.Customers;

namespace Bot.Conversations.Understanding.Model;

/// <summary>
/// What the classifiers read: the normalised, redacted message with every name, date and amount replaced by a
/// mark of its kind, so that what they learn about "刚给◆的◇打了电话" holds for any book of customers, and
/// with digits folded, so that "3点" and "4点" are the same to them; cut into words with spaces between.
/// </summary>
public static class ModelText
{
    public const char Customer = '◆';
    public const char Contact = '◇';
    public const char Colleague = '★';
    public const char Time = '◎';
    public const char Money = '¤';

    public static string Of(string text, IReadOnlyList<NameMatch> names, IReadOnlyList<TimeExpression> times, IReadOnlyList<MoneyAmount> amounts)
    {
        var marks = new char[text.Length];
        foreach (var name in names)
            Mark(marks, name.Start, name.Length, name.CustomerIds.Count > 0 ? Customer : name.Members.Count > 0 ? Colleague : Contact);
        foreach (var time in times)
            Mark(marks, time.Start, time.Length, Time);
        foreach (var amount in amounts)
            Mark(marks, amount.Start, amount.Length, Money);

        var output = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (marks[i] == '\0')
                output.Append(char.IsAsciiDigit(text[i]) ? '0' : char.ToLowerInvariant(text[i]));
            else if (i == 0 || marks[i - 1] != marks[i])
                output.Append(marks[i]);
        }
        // Words as jieba cuts them, space-separated: the featuriser takes char n-grams and word pairs from the same text.
        return string.Join(' ', Text.ChineseWords.Cut(output.ToString()).Where(w => w.Trim().Length > 0));
    }

    private static void Mark(char[] marks, int start, int length, char mark)
    {
        for (var i = start; i < start + length && i < marks.Length; i++)
        {
            if (marks[i] == '\0')
                marks[i] = mark;
        }
    }
}
