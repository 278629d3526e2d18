using System.Text.RegularExpressions;

namespace Bot.Conversations.Customers;

public sealed record DirectoryCustomer(long Id, string LegalName, string? ShortName, IReadOnlyList<string> Aliases, long? OwnerId);

public sealed record DirectoryContact(long Id, long CustomerId, string Name, string? Title);

/// <summary>A name found in a message and everything it could refer to.</summary>
public sealed record NameMatch(int Start, int Length, string Text, IReadOnlyList<long> CustomerIds, IReadOnlyList<DirectoryContact> Contacts);

/// <summary>
/// Every way a rep may name a customer or a contact: legal name, short name, aliases, the legal name with its
/// legal form and trade words cut off (星辰网络科技有限公司 → 星辰网络科技 → 星辰网络 → 星辰), a contact's
/// full name, and surname + title (李总, 王经理, 陈工, 孙校长). Lookup is a scan of the message's substrings
/// against one dictionary, so it stays fast with a book of tens of thousands of customers.
/// </summary>
public sealed partial class CustomerNameIndex
{
    private const int MaxKeyLength = 24;

    private static readonly string[] LegalForms = ["股份有限公司", "有限责任公司", "有限公司", "集团公司", "集团", "公司", "股份"];

    private static readonly string[] TradeWords =
    [
        "科技", "网络", "信息", "技术", "软件", "医疗器械", "医疗", "器械", "生物", "精密", "机械", "电子", "智能", "装备", "商贸",
        "贸易", "物流", "供应链", "快运", "教育", "培训学校", "培训", "学校", "投资管理", "投资", "管理", "融资租赁", "连锁超市",
        "超市", "百货", "汽车配件", "汽车", "配件", "健康", "职业技能学校", "职业技能", "实业", "制造", "工业", "发展", "服务",
    ];

    private static readonly string[] Regions =
    [
        "北京", "上海", "天津", "重庆", "广州", "深圳", "杭州", "苏州", "南京", "成都", "武汉", "西安", "宁波", "无锡", "合肥",
        "厦门", "青岛", "济南", "长沙", "郑州", "东莞", "佛山", "江苏", "浙江", "广东", "山东", "四川", "湖北",
    ];

    private readonly Dictionary<string, List<long>> _customersByKey = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<DirectoryContact>> _contactsByKey = new(StringComparer.OrdinalIgnoreCase);

    // A full legal name means that customer, even when it is also the core of another's name (天元培训学校 vs 南京天元培训学校).
    private readonly Dictionary<string, long> _legalNames = new(StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex("^[A-Za-z][A-Za-z .'-]*$")]
    private static partial Regex LatinName();

    public CustomerNameIndex(IEnumerable<DirectoryCustomer> customers, IEnumerable<DirectoryContact> contacts)
    {
        foreach (var customer in customers)
        {
            foreach (var key in CustomerKeys(customer))
                Add(_customersByKey, key, customer.Id);
            _legalNames[customer.LegalName] = customer.Id;
        }
        foreach (var contact in contacts)
        {
            foreach (var key in ContactKeys(contact))
                Add(_contactsByKey, key, contact);
        }
    }

    /// <summary>The longest non-overlapping names in <paramref name="text"/>, left to right.</summary>
    public IReadOnlyList<NameMatch> Find(string text)
    {
        var matches = new List<NameMatch>();
        var i = 0;
        while (i < text.Length)
        {
            NameMatch? best = null;
            for (var length = Math.Min(MaxKeyLength, text.Length - i); length >= 2; length--)
            {
                var candidate = text.Substring(i, length);
                var customers = _customersByKey.GetValueOrDefault(candidate);
                var contacts = _contactsByKey.GetValueOrDefault(candidate);
                if (customers is null && contacts is null)
                    continue;
                // A Latin name must stand alone: "Tony" yes, the "to" in "today" no.
                if (LatinName().IsMatch(candidate) && !StandsAlone(text, i, length))
                    continue;
                if (_legalNames.TryGetValue(candidate, out var exact))
                    customers = [exact];
                best = new NameMatch(i, length, candidate, customers ?? [], contacts ?? []);
                break;
            }
            if (best is null)
            {
                i++;
                continue;
            }
            matches.Add(best);
            i += best.Length;
        }
        return matches;
    }

    private static bool StandsAlone(string text, int start, int length) =>
        (start == 0 || !char.IsAsciiLetter(text[start - 1])) && (start + length == text.Length || !char.IsAsciiLetter(text[start + length]));

    public static IEnumerable<string> CustomerKeys(DirectoryCustomer customer)
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { customer.LegalName };
        if (!string.IsNullOrWhiteSpace(customer.ShortName))
            keys.Add(customer.ShortName);
        foreach (var alias in customer.Aliases)
            keys.Add(alias);
        foreach (var name in keys.ToList())
        {
            foreach (var core in Cores(name))
                keys.Add(core);
        }
        return keys.Where(k => k.Length >= 2 && k.Length <= MaxKeyLength);
    }

    /// <summary>星辰网络科技有限公司 → 星辰网络科技, 星辰网络, 星辰; 上海瑞丰商贸 → 瑞丰商贸, 瑞丰 as well.</summary>
    private static IEnumerable<string> Cores(string name)
    {
        var current = name;
        foreach (var form in LegalForms)
        {
            if (current.EndsWith(form, StringComparison.Ordinal) && current.Length > form.Length + 1)
            {
                current = current[..^form.Length];
                break;
            }
        }
        if (current.EndsWith('）') && current.LastIndexOf('（') is var open and > 1)
            current = current[..open];
        yield return current;
        var trimmed = true;
        while (trimmed)
        {
            trimmed = false;
            foreach (var word in TradeWords)
            {
                if (current.EndsWith(word, StringComparison.Ordinal) && current.Length - word.Length >= 2)
                {
                    current = current[..^word.Length];
                    yield return current;
                    trimmed = true;
                    break;
                }
            }
        }
        foreach (var region in Regions)
        {
            if (name.StartsWith(region, StringComparison.Ordinal) && name.Length - region.Length >= 2)
            {
                foreach (var core in Cores(name[region.Length..]))
                    yield return core;
                break;
            }
        }
    }

    public static IEnumerable<string> ContactKeys(DirectoryContact contact)
    {
        var name = contact.Name.Trim();
        if (name.Length < 2)
            yield break;
        yield return name;
        if (LatinName().IsMatch(name))
            yield break;
        var surname = name[..1];
        var title = contact.Title ?? "";
        foreach (var (cue, suffixes) in ContactTitles.Suffixes)
        {
            if (title.Contains(cue, StringComparison.Ordinal))
            {
                foreach (var suffix in suffixes)
                    yield return surname + suffix;
            }
        }
    }

    private static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
    {
        if (!map.TryGetValue(key, out var list))
            map[key] = list = [];
        if (!list.Contains(value))
            list.Add(value);
    }
}
