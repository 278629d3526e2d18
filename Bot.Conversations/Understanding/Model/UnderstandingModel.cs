using System.IO.Compression;

namespace Bot.Conversations.Understanding.Model;

/// <summary>
/// The trained classifiers, built by `scripts/train` and shipped inside this assembly: the features of a
/// <see cref="ModelText"/> (<see cref="TextFeatures"/>), then maximum-entropy classifiers for the intent, the channel
/// and the stage move and a logistic one per objection, each a <see cref="LinearClassifier"/>. Immutable once
/// loaded, so safe on any thread.
/// </summary>
public sealed class UnderstandingModel
{
    public const string ResourceName = "Understanding.Model.understanding.zip";
    internal const string FeaturesColumn = "Features";
    internal const string VocabularyEntry = "vocabulary.txt";
    internal const string ClassifiersEntry = "classifiers.bin";

    private static readonly Lazy<UnderstandingModel> ShippedModel = new(() =>
    {
        using var stream = typeof(UnderstandingModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("the trained model is not embedded; run scripts/train");
        return Load(stream);
    });

    private readonly TextFeatures _features;
    private readonly Dictionary<string, (LinearClassifier Classifier, int Offset)> _classifiers = [];
    private readonly (LinearClassifier Classifier, int Offset) _intent;
    private readonly (LinearClassifier Classifier, int Offset) _channel;
    private readonly (LinearClassifier Classifier, int Offset) _stage;
    private readonly (LinearClassifier Classifier, int Offset)[] _objections;
    private readonly bool[] _asking;

    // Feature-major: the weights of every class of every classifier for feature f are _weights[f * _width ..].
    private readonly float[] _weights;
    private readonly int _width;

    private UnderstandingModel(TextFeatures features, IReadOnlyList<LinearClassifier> classifiers)
    {
        _features = features;
        foreach (var classifier in classifiers)
        {
            _classifiers[classifier.Name] = (classifier, _width);
            _width += classifier.Classes;
        }
        (_intent, _channel, _stage) = (_classifiers["Intent"], _classifiers["Channel"], _classifiers["Stage"]);
        _objections = [.. Enum.GetValues<Objection>().Select(o => _classifiers[o.Code()])];
        _asking = [.. _intent.Classifier.Labels.Select(code => IntentCatalogue.FromCode(code).OnlyReads())];
        _weights = new float[features.Count * _width];
        foreach (var (classifier, offset) in _classifiers.Values)
        {
            for (var f = 0; f < features.Count; f++)
            {
                for (var c = 0; c < classifier.Classes; c++)
                    _weights[f * _width + offset + c] = classifier.Weight(f, c);
            }
        }
    }

    public static UnderstandingModel Shipped => ShippedModel.Value;

    public static UnderstandingModel Load(Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        TextFeatures features;
        using (var reader = new StreamReader(zip.GetEntry(VocabularyEntry)!.Open()))
            features = TextFeatures.Read(reader);
        using var binary = new BinaryReader(zip.GetEntry(ClassifiersEntry)!.Open());
        var classifiers = Enumerable.Range(0, binary.ReadInt32()).Select(_ => LinearClassifier.Read(binary)).ToList();
        return new UnderstandingModel(features, classifiers);
    }

    public ClassifierReading Read(string modelText)
    {
        var (indices, values) = _features.Of(modelText);
        var sums = new float[_width];
        for (var k = 0; k < indices.Length; k++)
        {
            var row = _weights.AsSpan(indices[k] * _width, _width);
            var value = values[k];
            for (var c = 0; c < row.Length; c++)
                sums[c] += row[c] * value;
        }
        var objections = new float[_objections.Length];
        for (var o = 0; o < objections.Length; o++)
            objections[o] = Probabilities(_objections[o], sums)[0];
        return new ClassifierReading(_intent.Classifier.Labels, Probabilities(_intent, sums), _asking, _channel.Classifier.Labels, Probabilities(_channel, sums),
            _stage.Classifier.Labels, Probabilities(_stage, sums), objections);
    }

    private static float[] Probabilities((LinearClassifier Classifier, int Offset) part, float[] sums) =>
        part.Classifier.Probabilities(sums.AsSpan(part.Offset, part.Classifier.Classes));
}

/// <summary>What the classifiers make of one message: a probability per class.</summary>
public sealed class ClassifierReading(
    IReadOnlyList<string> intents, float[] intent, bool[] asking, IReadOnlyList<string> channels, float[] channel, IReadOnlyList<string> stages, float[] stage,
    float[] objections)
{
    public (string Code, float Probability) TopIntent => Top(intents, intent);

    public (string Code, float Probability) TopChannel => Top(channels, channel);

    public (string Code, float Probability) TopStage => Top(stages, stage);

    /// <summary>How likely the message only asks something (the reading intents' probabilities together).</summary>
    public float Asking
    {
        get
        {
            var sum = 0f;
            for (var i = 0; i < intent.Length; i++)
            {
                if (asking[i])
                    sum += intent[i];
            }
            return sum;
        }
    }

    /// <summary>The objections whose probability reaches <paramref name="threshold"/>, in canonical order.</summary>
    public IReadOnlyList<Objection> ObjectionsAbove(float threshold)
    {
        var found = new List<Objection>();
        for (var o = 0; o < objections.Length; o++)
        {
            if (objections[o] >= threshold)
                found.Add((Objection)o);
        }
        return found;
    }

    private static (string, float) Top(IReadOnlyList<string> labels, float[] probabilities)
    {
        var best = 0;
        for (var i = 1; i < probabilities.Length; i++)
        {
            if (probabilities[i] > probabilities[best])
                best = i;
        }
        return (labels[best], probabilities[best]);
    }
}
