using System.Text;

namespace Bot.Conversations.Understanding;

/// <summary>
/// One spelling for what reps type on phones: full-width letters and digits become half-width, traditional
/// characters common in sales talk become simplified, Chinese punctuation becomes ASCII, emoji disappear and
/// runs of spaces collapse. Everything downstream matches against this form only.
/// </summary>
public static class TextNormalizer
{
    private const string Traditional =
        "們價貴訂單電話簽戶進週約見會議說裡後點時間號個來還沒這報預競對產決擔錢貨張陳劉趙孫楊黃吳鄭禮醫療網絡華東機經總鬥級類務業開關係聯繫嗎麼為讓處辦給發現實際問題應該謝請幫買賣帳賬額萬億兩歲過達邊從與舉壓減夠轉換車態據險節慶遠韓馮衛蔣鄧許葉蘇盧穩遲試訪郵談簡稱顧導資訊慣隨錄記銷狀況標準層頭獲貿護備設計劃鐘傳雲團隊組織優輕鬆靈確認續寫讀書證統體驗測賴顯響風氣區廣滬門廠線條場長營運費負責權這閱覽樣啟專屬與稅單據誰幾條齊擴衝撥筆橋財術監購採視頻異階動並臺灣攝濟";

    private const string Simplified =
        "们价贵订单电话签户进周约见会议说里后点时间号个来还没这报预竞对产决担钱货张陈刘赵孙杨黄吴郑礼医疗网络华东机经总斗级类务业开关系联系吗么为让处办给发现实际问题应该谢请帮买卖账账额万亿两岁过达边从与举压减够转换车态据险节庆远韩冯卫蒋邓许叶苏卢稳迟试访邮谈简称顾导资讯惯随录记销状况标准层头获贸护备设计划钟传云团队组织优轻松灵确认续写读书证统体验测赖显响风气区广沪门厂线条场长营运费负责权这阅览样启专属与税单据谁几条齐扩冲拨笔桥财术监购采视频异阶动并台湾摄济";

    private static readonly Dictionary<char, char> ToSimplified = BuildMap();

    public static string Normalize(string text)
    {
        var output = new StringBuilder(text.Length);
        var space = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsEmoji(rune))
                continue;
            var c = rune.IsBmp ? (char)rune.Value : '\0';
            if (c == '\0')
            {
                output.Append(rune.ToString());
                space = false;
                continue;
            }
            c = c switch
            {
                '\u3000' => ' ',
                '，' or '、' => ',',
                '。' => '.',
                '：' => ':',
                '；' => ';',
                '？' => '?',
                '！' => '!',
                '（' => '(',
                '）' => ')',
                '～' or '〜' => '~',
                '“' or '”' or '「' or '」' or '『' or '』' => '"',
                '‘' or '’' => '\'',
                >= '！' and <= '～' => (char)(c - 0xFEE0),
                _ => ToSimplified.GetValueOrDefault(c, c),
            };
            if (char.IsWhiteSpace(c))
            {
                space = output.Length > 0;
                continue;
            }
            if (space)
                output.Append(' ');
            space = false;
            output.Append(c);
        }
        return output.ToString();
    }

    private static bool IsEmoji(Rune rune) =>
        rune.Value is >= 0x1F000 and <= 0x1FAFF or >= 0x2600 and <= 0x27BF or 0xFE0F or 0x200D or >= 0x1F1E6 and <= 0x1F1FF;

    private static Dictionary<char, char> BuildMap()
    {
        var map = new Dictionary<char, char>();
        for (var i = 0; i < Math.Min(Traditional.Length, Simplified.Length); i++)
            map.TryAdd(Traditional[i], Simplified[i]);
        return map;
    }
}
