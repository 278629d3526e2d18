using System.Collections.Concurrent;
using Bot.Conversations.Understanding.Text;

namespace Bot.Conversations.Customers;

/// <summary>A way to name a customer or a contact. A weak form is an everyday word (东方, 阳光) that may mean something else.</summary>
public readonly record struct NameForm(string Text, bool Weak);

/// <summary>
/// Every way a rep may name a customer, derived from the name itself rather than from lists of trade words: the
/// legal form and bracketed parts are cut off (西门子（中国）有限公司 → 西门子), the rest is cut into words with
/// jieba's dictionary, and every leading run of words is a name (济南广源建材 → 济南广源, 济南广源建材), also after a
/// leading place (广源, 广源建材). A place alone is never a name, nor is a trade word left alone at the end
/// (朝阳建材 gives 朝阳建材, not 建材). The short name and aliases the company gave count as they are; an alias that is
/// a full company name (a merged duplicate's legal name) gives its short forms as well.
/// </summary>
public static class CustomerNameForms
{
    public const int MaxLength = 24;

    // Legal forms and branch suffixes are a closed legal vocabulary, longest first.
    private static readonly string[] LegalForms =
    [
        "集团股份有限公司", "股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "分公司", "分行", "支行", "办事处", "集团公司",
        "股份公司", "集团", "公司", "股份", "有限",
    ];

    private static readonly ConcurrentDictionary<string, NameForm[]> Cache = new();

    public static IReadOnlyList<NameForm> Of(DirectoryCustomer customer)
    {
        var forms = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        void Add(NameForm form)
        {
            if (form.Text.Length is >= 2 and <= MaxLength && !ChineseWords.IsPlace(form.Text))
                forms[form.Text] = forms.TryGetValue(form.Text, out var weak) ? weak && form.Weak : form.Weak;
        }
        Add(new NameForm(Normalize(customer.LegalName), false));
        foreach (var given in customer.Aliases.Prepend(customer.ShortName ?? ""))
        {
            if (Normalize(given) is { Length: >= 2 } name)
                Add(new NameForm(name, false));
        }
        foreach (var form in Derived(Normalize(customer.LegalName)))
            Add(form);
        if (customer.ShortName is { } shortName)
        {
            foreach (var form in Derived(Normalize(shortName)))
                Add(form);
        }
        // An alias with a legal form is a company's full name (a merged duplicate's): it is found by its short forms too.
        foreach (var alias in customer.Aliases.Select(Normalize).Where(a => Core(a) != a))
        {
            foreach (var form in Derived(alias))
                Add(form);
        }
        return [.. forms.Select(f => new NameForm(f.Key, f.Value))];
    }

    /// <summary>A contact by full name; a Chinese one also by surname + form of address (李总, 王经理, 陈工), a Latin one by first name.</summary>
    public static IEnumerable<string> Of(DirectoryContact contact)
    {
        var name = Normalize(contact.Name);
        if (name.Length < 2)
            yield break;
        yield return name;
        if (char.IsAsciiLetter(name[0]))
        {
            if (name.IndexOf(' ', StringComparison.Ordinal) is var space and >= 2)
                yield return name[..space];
            yield break;
        }
        var title = contact.Title ?? "";
        foreach (var (cue, suffixes) in ContactTitles.Suffixes)
        {
            if (title.Contains(cue, StringComparison.Ordinal) && !(cue == "经理" && title.Contains("总经理", StringComparison.Ordinal)))
            {
                foreach (var suffix in suffixes)
                    yield return name[..1] + suffix;
            }
        }
    }

    public static string Normalize(string name) => TextNormalizer.Normalize(name).Replace(" ", "", StringComparison.Ordinal);

    private static NameForm[] Derived(string name) => Cache.GetOrAdd(name, static n => [.. Derive(n)]);

    private static IEnumerable<NameForm> Derive(string name)
    {
        var core = Core(name);
        if (core.Length < 2)
            yield break;
        yield return new NameForm(core, false);
        // A place is cut off by the list of places before jieba sees the rest: 上海瑞丰商贸 must not become 上/海瑞/丰.
        var place = ChineseWords.LeadingPlace(core);
        var rest = place is null ? core : core[place.Length..];
        // Compound trades in their parts, so that 星辰网络科技 is also 星辰网络.
        var words = ChineseWords.Cut(rest).Where(w => w.Trim().Length > 0).SelectMany(ChineseWords.TradeParts).ToList();
        if (place is null)
        {
            foreach (var form in LeadingRuns(words))
                yield return form;
            yield break;
        }
        foreach (var form in LeadingRuns(words))
            yield return form with { Text = place + form.Text, Weak = false };
        // What follows the place alone: 广源, 广源建材; but never a trade alone (南京建材厂 gives no 建材厂).
        if (words.Count > 1 || !ChineseWords.IsTrade(words[0]))
        {
            foreach (var form in LeadingRuns(words))
                yield return form;
        }
    }

    /// <summary>The first word, the first two, …; an everyday word alone (东方, 阳光) or trade words alone (人民医院) are weak.</summary>
    private static IEnumerable<NameForm> LeadingRuns(List<string> words)
    {
        var run = "";
        var trades = true;
        for (var i = 0; i < words.Count; i++)
        {
            run += words[i];
            trades &= ChineseWords.IsTrade(words[i]);
            if (run.Length >= 2)
                yield return new NameForm(run, trades || (i == 0 && ChineseWords.IsCommon(run)));
        }
    }

    /// <summary>星辰网络科技有限公司 → 星辰网络科技; 西门子（中国）有限公司 → 西门子; 恒通银行股份有限公司杭州分行 → 恒通银行…杭州.</summary>
    private static string Core(string name)
    {
        var text = name;
        while (text.IndexOf('(') is var open and >= 0 && text.IndexOf(')', open) is var close and > 0)
            text = text[..open] + text[(close + 1)..];
        var trimmed = true;
        while (trimmed)
        {
            trimmed = false;
            foreach (var form in LegalForms)
            {
                if (text.EndsWith(form, StringComparison.Ordinal) && text.Length - form.Length >= 2)
                {
                    text = text[..^form.Length];
                    trimmed = true;
                    break;
                }
            }
        }
        return text;
    }
}
