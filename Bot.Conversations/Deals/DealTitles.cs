using System.Text.RegularExpressions;

namespace Bot.Conversations.Deals;

/// <summary>
/// The words that tell one customer's deals apart: a phase (二期, 3期), or the kind of deal (续约, 增购…). A message
/// naming one picks that deal; a new one opens when the customer has no deal by that name yet.
/// </summary>
public static partial class DealTitles
{
    [GeneratedRegex(@"([一二三四五六七八九十两0-9]{1,3}期|续约|续签|续费|增购|扩容|加购|年框|框架协议|试点|二次采购)")]
    private static partial Regex TitleWord();

    // Said of a deal the customer does not have yet: 新开一个商机, 又有个单子, 另一个项目.
    [GeneratedRegex(@"(新开|新建|新增|新的|新商机|新项目|新单|又有|又一个|另一个|另外一个|再开)")]
    private static partial Regex NewDealWord();

    public static string? Find(string text) => TitleWord().Match(text) is { Success: true } m ? m.Value.Replace('两', '二') : null;

    public static bool SaysNew(string text) => NewDealWord().IsMatch(text);
}
