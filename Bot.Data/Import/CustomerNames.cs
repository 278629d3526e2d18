using System.Text;

namespace Bot.Data.Import;

/// <summary>
/// One spelling per legal name, so that "星辰网络科技(北京)有限公司 " and "星辰网络科技（北京）有限公司"
/// are the same customer on re-import.
/// </summary>
public static class CustomerNames
{
    public static string Normalize(string name)
    {
        var text = new StringBuilder(name.Length);
        var space = false;
        foreach (var raw in name.Trim())
        {
            var c = raw switch
            {
                '(' => '（',
                ')' => '）',
                '\u3000' => ' ',
                >= '！' and <= '～' when raw is not '（' and not '）' => (char)(raw - 0xFEE0),
                _ => raw,
            };
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }
            if (space && text.Length > 0)
                text.Append(' ');
            space = false;
            text.Append(c);
        }
        return text.ToString();
    }
}
