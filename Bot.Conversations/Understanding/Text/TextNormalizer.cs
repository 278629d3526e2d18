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
        "們價貴訂單電話簽戶進週約見會議說裡後點時間號個來還沒這報預競對產決擔錢貨張陳劉趙孫楊黃吳鄭禮醫療網絡華東機經總鬥級類務業開關係聯繫嗎麼為讓處辦給發現實際問題應該謝請幫買賣帳賬額萬億兩歲過達邊從與舉壓減夠轉換車態據險節慶遠韓馮衛蔣鄧許葉蘇盧穩遲試訪郵談簡稱顧導資訊慣隨錄記銷狀況標準層頭獲貿護備設計劃鐘傳雲團隊組織優輕鬆靈確認續寫讀書證統體驗測賴顯響風氣區廣滬門廠線條場長營運費負責權這閱覽樣啟專屬與稅單據誰幾條齊擴衝撥筆橋財術監購採視頻異階動並臺灣攝濟員訓頁載檔溫內將評論學習當於無識興數圖質維觸選擇調執慮滿懷爭構礎別寬紹聽績緒鍵歸納壞細復環紀練終鋪雜難飛館驅髮魚鳥麥雙師帶庫強彈徑義擁搶斷晝極槍歷殘漢潔災熱獨畢盤碼種範築糧緊紅純紙結絲綠綜編緩縣縮繼罰聰聲職膽臉艙藥蟲製複覺觀規討訴註詞詩詳誇誌誕語誠誤課諾謀謂講變貢販貸賀賓賞賠贈趕跡踐軌軟較輔輸農違適遷遺鄉釋針鈔銀鋼錯鏡閉閒闊隱離頂項順須領顏願飯馬駕齡傾擾蓋邏輯遞薦溝僅償補參潛連勢鏈濃爾麗儘噸嚴園圍嘗寶岡峽嶺幣廳彥徵悅惱愛憂戲戰掃掛揚攜敗斬晉暫曉棄棟殺淺滅漲濫煩燈獎璽畫瘋盡盜睜礙禍窮竊籌紛絕綁緣縱繳罷翹聞脈腦臨舊莊萊蕭藍藝蘭虧蝕裝襪親託訟診詢誘諒諸謊謹譜譯譽貝貪貫貼賃賈賊賜賢賦賭賺賽贊贏趨躍軍軒輛輝輩輪轎辭迴遊遙邁鄰釀鈕鈴鉤銅銘鋒錦鍊鍋鎖鎮鐵鑒閃閑閣閥闆闖闡陸陰陽隸雖雞霧靜頑頓頗顆顛颱飲飽飾餅饋馳駐駛駿騎騙驕驚驟鮮鳴鴨鵝鷹鹽麵黨齒龍龜";

    private const string Simplified =
        "们价贵订单电话签户进周约见会议说里后点时间号个来还没这报预竞对产决担钱货张陈刘赵孙杨黄吴郑礼医疗网络华东机经总斗级类务业开关系联系吗么为让处办给发现实际问题应该谢请帮买卖账账额万亿两岁过达边从与举压减够转换车态据险节庆远韩冯卫蒋邓许叶苏卢稳迟试访邮谈简称顾导资讯惯随录记销状况标准层头获贸护备设计划钟传云团队组织优轻松灵确认续写读书证统体验测赖显响风气区广沪门厂线条场长营运费负责权这阅览样启专属与税单据谁几条齐扩冲拨笔桥财术监购采视频异阶动并台湾摄济员训页载档温内将评论学习当于无识兴数图质维触选择调执虑满怀争构础别宽绍听绩绪键归纳坏细复环纪练终铺杂难飞馆驱发鱼鸟麦双师带库强弹径义拥抢断昼极枪历残汉洁灾热独毕盘码种范筑粮紧红纯纸结丝绿综编缓县缩继罚聪声职胆脸舱药虫制复觉观规讨诉注词诗详夸志诞语诚误课诺谋谓讲变贡贩贷贺宾赏赔赠赶迹践轨软较辅输农违适迁遗乡释针钞银钢错镜闭闲阔隐离顶项顺须领颜愿饭马驾龄倾扰盖逻辑递荐沟仅偿补参潜连势链浓尔丽尽吨严园围尝宝冈峡岭币厅彦征悦恼爱忧戏战扫挂扬携败斩晋暂晓弃栋杀浅灭涨滥烦灯奖玺画疯尽盗睁碍祸穷窃筹纷绝绑缘纵缴罢翘闻脉脑临旧庄莱萧蓝艺兰亏蚀装袜亲托讼诊询诱谅诸谎谨谱译誉贝贪贯贴赁贾贼赐贤赋赌赚赛赞赢趋跃军轩辆辉辈轮轿辞回游遥迈邻酿钮铃钩铜铭锋锦炼锅锁镇铁鉴闪闲阁阀板闯阐陆阴阳隶虽鸡雾静顽顿颇颗颠台饮饱饰饼馈驰驻驶骏骑骗骄惊骤鲜鸣鸭鹅鹰盐面党齿龙龟";

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
