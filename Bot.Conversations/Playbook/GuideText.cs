using System.Text.RegularExpressions;
using Bot.Conversations.Understanding;
using Bot.Conversations.Understanding.Text;

namespace Bot.Conversations.Playbook;

public sealed record GuidePassage(string Text, int Line);

/// <summary>
/// Turns a guide as the company has it — often scraped from a document site — into clean passages: site banners,
/// copyright and download notices, page markers and pinyin annotations are dropped, traditional characters become
/// simplified, and the text is cut into passages of a few sentences, each remembering the line it came from.
/// </summary>
public static partial class GuideText
{
    private const int MinPassage = 30;
    private const int MaxPassage = 260;

    private static readonly string[] NoiseCues =
    [
        "VIP", "下载", "版权", "举报", "侵权", "本站", "原创力文档", "已阅读", "页未读", "继续免费阅读", "发布于", "付费", "会员",
        "上传", "温馨提示", "本文档由", "book118", "文档格式转换", "二次下载", "如何避免", "网站", "分享", "收藏", "页数", "评论", "文档简介",
        "盈利用途", "权益所有人",
    ];

    // 實(shí)訓(xùn): the scraper left each character's pinyin behind it.
    [GeneratedRegex(@"\((?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6})\)")]
    private static partial Regex Pinyin();

    [GeneratedRegex(@"_第\d+页|第\s*\d+\s*页|^\s*[•·]\s*\d*\s*$|约\s*[\d.]+\s*[千万]?字|约\s*\d+\s*页")]
    private static partial Regex PageMarker();

    // Sentences end in 。！？； — normalised to ASCII, so a full stop is "." unless a digit follows (3.5万).
    [GeneratedRegex(@"(?<=[.!?;])(?!\d)")]
    private static partial Regex SentenceEnd();

    public static IReadOnlyList<GuidePassage> Passages(string raw)
    {
        var passages = new List<GuidePassage>();
        var lines = raw.Replace("\r", "").Split('\n');
        var current = new System.Text.StringBuilder();
        var start = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            // Scraped pages often put a whole chapter on one line, so noise is judged sentence by sentence.
            var line = TextNormalizer.Normalize(Pinyin().Replace(lines[i], ""));
            foreach (var sentence in SentenceEnd().Split(line).Select(Clean).Where(s => s.Length > 0))
            {
                if (current.Length == 0)
                    start = i + 1;
                current.Append(sentence);
                if (current.Length >= MaxPassage)
                    Flush();
            }
            if (current.Length >= MinPassage * 3)
                Flush();
        }
        Flush();
        return passages;

        void Flush()
        {
            if (current.Length >= MinPassage)
                passages.Add(new GuidePassage(current.ToString(), start));
            current.Clear();
        }
    }

    /// <summary>A normalised sentence, or empty when it is site furniture or mojibake.</summary>
    private static string Clean(string sentence)
    {
        var text = sentence.Trim();
        if (NoiseCues.Any(cue => text.Contains(cue, StringComparison.OrdinalIgnoreCase)) || PageMarker().IsMatch(text))
            return "";
        // Mojibake from a broken encoding ("?yàn") carries no meaning; a line made mostly of it is dropped.
        var readable = text.Count(c => c is >= '\u4e00' and <= '\u9fff' || char.IsAsciiLetterOrDigit(c) || ",.:;!?()\"'、".Contains(c));
        return readable < text.Length * 0.8 ? "" : text;
    }
}
