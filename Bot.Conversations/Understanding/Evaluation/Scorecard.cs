using System.Globalization;
using System.Text;

namespace Bot.Conversations.Understanding.Evaluation;

/// <summary>
/// How a reader did on a labelled set: intent accuracy, each slot's accuracy, per-intent precision and recall, the
/// confusions, and the messages labelled as questions (reading intents) that it would have written on.
/// </summary>
public sealed class Scorecard
{
    /// <summary>Every labelled field but the intent.</summary>
    public static readonly string[] Slots = [.. LabelledMessage.Fields.Where(f => f != "intent")];

    private readonly Dictionary<string, int> _slotHits = Slots.ToDictionary(s => s, _ => 0);
    private readonly Dictionary<(string Expected, string Actual), int> _confusion = [];
    private readonly List<string> _misses = [];
    private readonly List<string> _writesOnQuestions = [];

    public int Count { get; private set; }

    public int IntentHits { get; private set; }

    public int Questions { get; private set; }

    public double IntentAccuracy => Count == 0 ? 0 : (double)IntentHits / Count;

    public double SlotAccuracy => Count == 0 ? 0 : (double)_slotHits.Values.Sum() / (Count * Slots.Length);

    public IReadOnlyList<string> WritesOnQuestions => _writesOnQuestions;

    public IReadOnlyList<string> Misses => _misses;

    public double Slot(string slot) => Count == 0 ? 0 : (double)_slotHits[slot] / Count;

    /// <summary>Adds one message: <paramref name="actual"/> holds the reader's fields as text, "action" among them.</summary>
    public void Add(LabelledMessage message, IReadOnlyDictionary<string, string?> actual)
    {
        Count++;
        var expectedIntent = message.Intent;
        var actualIntent = actual["intent"] ?? IntentCatalogue.UnknownCode;
        var wrong = new List<string>();
        if (expectedIntent == actualIntent)
            IntentHits++;
        else
            wrong.Add($"intent {actualIntent}≠{expectedIntent}");
        _confusion[(expectedIntent, actualIntent)] = _confusion.GetValueOrDefault((expectedIntent, actualIntent)) + 1;
        foreach (var slot in Slots)
        {
            var expected = message.Expected[slot];
            var got = actual.GetValueOrDefault(slot);
            if ((got ?? "") == (expected ?? ""))
                _slotHits[slot]++;
            else
                wrong.Add($"{slot} {got ?? "null"}≠{expected ?? "null"}");
        }
        if (IntentCatalogue.FromCode(expectedIntent).OnlyReads())
        {
            Questions++;
            if (actual.GetValueOrDefault("action") == "write")
                _writesOnQuestions.Add($"[{message.Writer}/{message.User}] {message.Text} → {actualIntent}");
        }
        if (wrong.Count > 0)
            _misses.Add($"[{message.Writer}/{message.User}] {message.Text} → {string.Join("; ", wrong)}");
    }

    public string Summary(string name) => string.Create(CultureInfo.InvariantCulture,
        $"{name}: {Count} messages; intent {IntentAccuracy:P1}; slots {SlotAccuracy:P1}; writes on {Questions} questions: {WritesOnQuestions.Count}");

    /// <summary>The summary, each slot, per-intent precision and recall, and the commonest confusions.</summary>
    public string Report(string name)
    {
        var text = new StringBuilder();
        text.AppendLine(Summary(name));
        text.AppendLine(string.Join("  ", Slots.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s} {Slot(s):P1}"))));
        text.AppendLine("intent                 n   precision  recall");
        foreach (var intent in _confusion.Keys.Select(k => k.Expected).Distinct().Order(StringComparer.Ordinal))
        {
            var support = _confusion.Where(kv => kv.Key.Expected == intent).Sum(kv => kv.Value);
            var predicted = _confusion.Where(kv => kv.Key.Actual == intent).Sum(kv => kv.Value);
            var hits = _confusion.GetValueOrDefault((intent, intent));
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{intent,-20} {support,4}   {(predicted == 0 ? 0 : (double)hits / predicted),8:P1}  {(double)hits / support,7:P1}"));
        }
        var confusions = _confusion.Where(kv => kv.Key.Expected != kv.Key.Actual).OrderByDescending(kv => kv.Value).Take(12).ToList();
        if (confusions.Count > 0)
            text.AppendLine("confusions (labelled → read): " + string.Join(", ", confusions.Select(kv => $"{kv.Key.Expected}→{kv.Key.Actual} {kv.Value}")));
        return text.ToString();
    }
}
