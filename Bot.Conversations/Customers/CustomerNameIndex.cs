using System.Text.RegularExpressions;
using Bot.Conversations.Understanding.Text;

namespace Bot.Conversations.Customers;

public sealed record DirectoryCustomer(long Id, string LegalName, string? ShortName, IReadOnlyList<string> Aliases, long? OwnerId);

public sealed record DirectoryContact(long Id, long CustomerId, string Name, string? Title);

/// <summary>A member of the sales team, so that "张伟这周跟进了几个" can mean the rep even when a contact is also called 张伟.</summary>
public sealed record DirectoryMember(long Id, string Name);

/// <summary>
/// A name found in a message and everything it could refer to. <see cref="Weak"/>: found by an everyday word or
/// by a typo, so it is likely but not certain.
/// </summary>
public sealed record NameMatch(
    int Start, int Length, string Text, IReadOnlyList<long> CustomerIds, IReadOnlyList<DirectoryContact> Contacts,
    IReadOnlyList<DirectoryMember> Members, bool Weak = false)
{
    /// <summary>The contacts by customer (kept by the index per name): "李总" may fit thousands of contacts, a customer named with it only a few.</summary>
    public ILookup<long, DirectoryContact>? ContactsByCustomer { get; init; }

    public IEnumerable<DirectoryContact> ContactsOf(long customerId) =>
        ContactsByCustomer?[customerId] ?? Contacts.Where(c => c.CustomerId == customerId);
}

/// <summary>
/// Finds customer, contact and colleague names anywhere in a message: the longest known name at each position
/// (see <see cref="CustomerNameForms"/> for the names a customer goes by), then, where nothing was found, a name
/// of 4+ characters with one character typed wrong or one of 3 characters with one that sounds the same (星晨网络,
/// 广缘建材). Exact lookups are span-based, so a scan allocates nothing per position.
/// </summary>
public sealed partial class CustomerNameIndex
{
    private readonly Dictionary<string, List<long>> _customers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<DirectoryContact>> _contacts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ILookup<long, DirectoryContact>> _contactsByCustomer = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<DirectoryMember>> _members = new(StringComparer.Ordinal);
    private readonly HashSet<string> _weak = new(StringComparer.OrdinalIgnoreCase);

    // A full legal name means that customer, even when it is also the core of another's name (天元培训学校 vs 南京天元培训学校).
    private readonly Dictionary<string, long> _legalNames = new(StringComparer.OrdinalIgnoreCase);

    // Names of 3+ characters by (first two characters, length) and (last two, length): one wrong character leaves one of them intact.
    private readonly Dictionary<(char, char, int), List<string>> _byHead = [];
    private readonly Dictionary<(char, char, int), List<string>> _byTail = [];

    // Every name's first two characters: most positions in a message start no name and are skipped at once.
    private readonly HashSet<(char, char)> _starts = [];
    private readonly HashSet<(char, char)> _heads = [];
    private readonly HashSet<(char, char)> _tails = [];

    private readonly Dictionary<string, List<long>>.AlternateLookup<ReadOnlySpan<char>> _customerSpans;
    private readonly Dictionary<string, List<DirectoryContact>>.AlternateLookup<ReadOnlySpan<char>> _contactSpans;
    private readonly Dictionary<string, List<DirectoryMember>>.AlternateLookup<ReadOnlySpan<char>> _memberSpans;

    [GeneratedRegex("^[A-Za-z][A-Za-z .'-]*$")]
    private static partial Regex LatinName();

    public CustomerNameIndex(IEnumerable<DirectoryCustomer> customers, IEnumerable<DirectoryContact> contacts, IEnumerable<DirectoryMember>? members = null)
    {
        var strong = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var customer in customers)
        {
            foreach (var form in CustomerNameForms.Of(customer))
            {
                Add(_customers, form.Text, customer.Id);
                (form.Weak ? _weak : strong).Add(form.Text);
            }
            _legalNames[CustomerNameForms.Normalize(customer.LegalName)] = customer.Id;
        }
        foreach (var contact in contacts)
        {
            foreach (var key in CustomerNameForms.Of(contact))
                Add(_contacts, key, contact);
        }
        foreach (var (key, list) in _contacts.Where(kv => kv.Value.Count > 8))
            _contactsByCustomer[key] = list.ToLookup(c => c.CustomerId);
        foreach (var member in members ?? [])
        {
            if (CustomerNameForms.Normalize(member.Name) is { Length: >= 2 } name)
                Add(_members, name, member);
        }
        // A name some customer really goes by (an alias, a rare brand) is not weak because it is another's everyday word.
        _weak.ExceptWith(strong);
        foreach (var key in _customers.Keys.Concat(_contacts.Keys).Concat(_members.Keys))
            _starts.Add((char.ToLowerInvariant(key[0]), char.ToLowerInvariant(key[1])));
        foreach (var key in _customers.Keys.Concat(_contacts.Keys).Where(k => k.Length >= 3 && ChineseCharacters.IsHan(k[0]) && !_weak.Contains(k)))
        {
            Add(_byHead, (key[0], key[1], key.Length), key);
            Add(_byTail, (key[^2], key[^1], key.Length), key);
            _heads.Add((key[0], key[1]));
            _tails.Add((key[^2], key[^1]));
        }
        _customerSpans = _customers.GetAlternateLookup<ReadOnlySpan<char>>();
        _contactSpans = _contacts.GetAlternateLookup<ReadOnlySpan<char>>();
        _memberSpans = _members.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The longest non-overlapping names in <paramref name="text"/>, left to right; then typos where nothing was found.</summary>
    public IReadOnlyList<NameMatch> Find(string text)
    {
        var matches = new List<NameMatch>();
        var i = 0;
        while (i < text.Length)
        {
            if (Exact(text, i) is { } found)
            {
                matches.Add(found);
                i += found.Length;
            }
            else
            {
                i++;
            }
        }
        return _byHead.Count == 0 ? matches : WithTypos(text, matches);
    }

    private NameMatch? Exact(string text, int start)
    {
        if (start + 1 >= text.Length || !_starts.Contains((char.ToLowerInvariant(text[start]), char.ToLowerInvariant(text[start + 1]))))
            return null;
        for (var length = Math.Min(CustomerNameForms.MaxLength, text.Length - start); length >= 2; length--)
        {
            var span = text.AsSpan(start, length);
            _customerSpans.TryGetValue(span, out var customers);
            _contactSpans.TryGetValue(span, out var contacts);
            _memberSpans.TryGetValue(span, out var members);
            if (customers is null && contacts is null && members is null)
                continue;
            var candidate = span.ToString();
            // A Latin name must stand alone: "Tony" yes, the "to" in "today" no.
            if (LatinName().IsMatch(candidate) && !StandsAlone(text, start, length))
                continue;
            if (_legalNames.TryGetValue(candidate, out var exact))
                customers = [exact];
            return new NameMatch(start, length, candidate, customers ?? [], contacts ?? [], members ?? [], customers is not null && _weak.Contains(candidate))
            {
                ContactsByCustomer = contacts is null ? null : _contactsByCustomer.GetValueOrDefault(candidate),
            };
        }
        return null;
    }

    private List<NameMatch> WithTypos(string text, List<NameMatch> exact)
    {
        var covered = new bool[text.Length];
        foreach (var m in exact)
            Array.Fill(covered, true, m.Start, m.Length);
        var all = new List<NameMatch>(exact);
        var i = 0;
        while (i < text.Length - 2)
        {
            if (covered[i] || !ChineseCharacters.IsHan(text[i]))
            {
                i++;
                continue;
            }
            var found = Typo(text, i, covered);
            if (found is null)
            {
                i++;
                continue;
            }
            all.Add(found);
            i += found.Length;
        }
        return all.Count == exact.Count ? exact : [.. all.OrderBy(m => m.Start)];
    }

    private NameMatch? Typo(string text, int start, bool[] covered)
    {
        for (var length = Math.Min(CustomerNameForms.MaxLength, text.Length - start); length >= 3; length--)
        {
            if (Array.IndexOf(covered, true, start, length) >= 0)
                continue;
            var window = text.AsSpan(start, length);
            if (!_heads.Contains((window[0], window[1])) && !_tails.Contains((window[^2], window[^1])))
                continue;
            foreach (var key in Candidates(window))
            {
                if (!OneSlip(window, key))
                    continue;
                var customers = _customers.GetValueOrDefault(key);
                var contacts = _contacts.GetValueOrDefault(key);
                return new NameMatch(start, length, window.ToString(), customers ?? [], contacts ?? [], [], Weak: true);
            }
        }
        return null;
    }

    private IEnumerable<string> Candidates(ReadOnlySpan<char> window)
    {
        var head = _byHead.GetValueOrDefault((window[0], window[1], window.Length));
        var tail = _byTail.GetValueOrDefault((window[^2], window[^1], window.Length));
        return (head ?? []).Concat(tail ?? []);
    }

    /// <summary>Exactly one character differs; in a 3-character name it must sound the same.</summary>
    private static bool OneSlip(ReadOnlySpan<char> window, string key)
    {
        var at = -1;
        for (var i = 0; i < key.Length; i++)
        {
            if (char.ToLowerInvariant(window[i]) == char.ToLowerInvariant(key[i]))
                continue;
            if (at >= 0 || !ChineseCharacters.IsHan(window[i]))
                return false;
            at = i;
        }
        return at >= 0 && (key.Length >= 4 || ChineseCharacters.SoundAlike(window[at], key[at]));
    }

    private static bool StandsAlone(string text, int start, int length) =>
        (start == 0 || !char.IsAsciiLetter(text[start - 1])) && (start + length == text.Length || !char.IsAsciiLetter(text[start + length]));

    private static void Add<TKey, T>(Dictionary<TKey, List<T>> map, TKey key, T value)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
            map[key] = list = [];
        if (!list.Contains(value))
            list.Add(value);
    }
}
