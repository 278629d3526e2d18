using System.Globalization;
using Bot.Conversations.Understanding.Model;

namespace Bot.Conversations.Understanding.Evaluation;

/// <summary>
/// Whether the intent classifier's probability means what it says, which is what the thresholds rest on: the expected
/// calibration error over ten equal-width bins (each bin's |share right − mean probability|, weighted by its size), and
/// how often a writing intent read below <see cref="MessageParser.SureIntent"/> — confirmed, not written — was right.
/// </summary>
public sealed class Calibration
{
    public const int Bins = 10;

    private readonly int[] _count = new int[Bins];
    private readonly int[] _right = new int[Bins];
    private readonly double[] _probability = new double[Bins];

    public int Count { get; private set; }

    /// <summary>Writing intents read below the write threshold, and how many of them were the labelled intent.</summary>
    public (int Messages, int Right) BelowWrite { get; private set; }

    /// <summary>Writing intents read at or above the write threshold, and how many of them were the labelled intent.</summary>
    public (int Messages, int Right) AtOrAboveWrite { get; private set; }

    public double ExpectedError =>
        Count == 0 ? 0 : Enumerable.Range(0, Bins).Sum(b => Math.Abs(_right[b] - _probability[b])) / Count;

    public void Add(Intent read, float probability, bool right)
    {
        var bin = Math.Clamp((int)(probability * Bins), 0, Bins - 1);
        Count++;
        _count[bin]++;
        _probability[bin] += probability;
        _right[bin] += right ? 1 : 0;
        if (!read.Writes())
            return;
        var hit = right ? 1 : 0;
        if (probability < MessageParser.SureIntent)
            BelowWrite = (BelowWrite.Messages + 1, BelowWrite.Right + hit);
        else
            AtOrAboveWrite = (AtOrAboveWrite.Messages + 1, AtOrAboveWrite.Right + hit);
    }

    /// <summary>The intent classifier alone on <paramref name="messages"/>, each read against its own book.</summary>
    public static Calibration Measure(IEnumerable<LabelledMessage> messages, UnderstandingCorpus corpus, UnderstandingModel model)
    {
        var calibration = new Calibration();
        foreach (var message in messages)
        {
            var (code, probability) = model.Read(MessageReading.Of(message.Text, message.Now, corpus.Book(message.Book).View).ModelText).TopIntent;
            var read = IntentCatalogue.FromCode(code);
            calibration.Add(read, probability, read == IntentCatalogue.FromCode(message.Intent));
        }
        return calibration;
    }

    public string Report(string name)
    {
        static string Share((int Messages, int Right) part) =>
            part.Messages == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * part.Right / part.Messages:0.0} % right of {part.Messages}");
        return string.Create(CultureInfo.InvariantCulture,
            $"{name} calibration of the intent probability ({Bins} bins, {Count} messages): ECE {ExpectedError:0.000}; "
            + $"writes read below {MessageParser.SureIntent:0.00} (confirmed first): {Share(BelowWrite)}; at or above: {Share(AtOrAboveWrite)}\n");
    }
}
