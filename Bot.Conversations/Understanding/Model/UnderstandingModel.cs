using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Bot.Conversations.Understanding.Model;

/// <summary>
/// The trained classifiers, built by `scripts/train` and shipped inside this assembly: ML.NET's char n-gram
/// featurisation of <see cref="ModelText"/>, then maximum-entropy classifiers for the intent, the channel and the
/// stage move and a logistic one per objection, scored by <see cref="LinearClassifier"/>. ML.NET's prediction
/// engines are not thread-safe, so each thread keeps its own featuriser.
/// </summary>
public sealed class UnderstandingModel : IDisposable
{
    public const string ResourceName = "Understanding.Model.understanding.zip";
    internal const string FeaturesColumn = "Features";
    internal const string FeaturizerEntry = "featurizer.zip";
    internal const string ClassifiersEntry = "classifiers.bin";

    private static readonly Lazy<UnderstandingModel> ShippedModel = new(() =>
    {
        using var stream = typeof(UnderstandingModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("the trained model is not embedded; run scripts/train");
        return Load(stream);
    });

    private readonly ThreadLocal<PredictionEngine<ModelInput, FeatureOutput>> _featurizers;
    private readonly Dictionary<string, LinearClassifier> _classifiers;

    private UnderstandingModel(MLContext ml, ITransformer featurizer, DataViewSchema schema, IEnumerable<LinearClassifier> classifiers)
    {
        _featurizers = new(() => ml.Model.CreatePredictionEngine<ModelInput, FeatureOutput>(featurizer, inputSchema: schema));
        _classifiers = classifiers.ToDictionary(c => c.Name);
    }

    public static UnderstandingModel Shipped => ShippedModel.Value;

    public static UnderstandingModel Load(Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        var ml = new MLContext(seed: 1);
        using var featurizerBytes = new MemoryStream();
        using (var entry = zip.GetEntry(FeaturizerEntry)!.Open())
            entry.CopyTo(featurizerBytes);
        featurizerBytes.Position = 0;
        var featurizer = ml.Model.Load(featurizerBytes, out var schema);
        using var reader = new BinaryReader(zip.GetEntry(ClassifiersEntry)!.Open());
        var classifiers = Enumerable.Range(0, reader.ReadInt32()).Select(_ => LinearClassifier.Read(reader)).ToList();
        return new UnderstandingModel(ml, featurizer, schema, classifiers);
    }

    public ModelReading Read(string modelText)
    {
        var features = _featurizers.Value!.Predict(new ModelInput { Text = modelText }).Features;
        int[] indices = features.IsDense ? [.. Enumerable.Range(0, features.Length)] : features.GetIndices().ToArray();
        var values = features.GetValues().ToArray();
        float[] Score(string name) => _classifiers[name].Probabilities(indices, values);
        return new ModelReading(
            Pair(_classifiers["Intent"], Score("Intent")),
            Pair(_classifiers["Channel"], Score("Channel")),
            Pair(_classifiers["Stage"], Score("Stage")),
            [.. Enum.GetValues<Objection>().Select(o => Score(o.Code())[0])]);
    }

    public void Dispose() => _featurizers.Dispose();

    private static Dictionary<string, float> Pair(LinearClassifier classifier, float[] probabilities) =>
        classifier.Labels.Select((l, i) => (l, probabilities[i])).ToDictionary(x => x.l, x => x.Item2);
}

/// <summary>What the classifiers make of one message: a probability per class.</summary>
public sealed record ModelReading(
    IReadOnlyDictionary<string, float> Intent, IReadOnlyDictionary<string, float> Channel, IReadOnlyDictionary<string, float> Stage, IReadOnlyList<float> Objections)
{
    public (string Code, float Probability) TopIntent => Top(Intent);

    public (string Code, float Probability) TopChannel => Top(Channel);

    public (string Code, float Probability) TopStage => Top(Stage);

    /// <summary>The objections whose probability reaches <paramref name="threshold"/>, in canonical order.</summary>
    public IReadOnlyList<Objection> ObjectionsAbove(float threshold = 0.5f) =>
        [.. Enum.GetValues<Objection>().Where(o => Objections[(int)o] >= threshold)];

    private static (string, float) Top(IReadOnlyDictionary<string, float> scores)
    {
        var best = scores.MaxBy(kv => kv.Value);
        return (best.Key, best.Value);
    }
}

internal sealed class ModelInput
{
    public string Text { get; set; } = "";
}

internal sealed class FeatureOutput
{
    [ColumnName(UnderstandingModel.FeaturesColumn)]
    public VBuffer<float> Features { get; set; }
}
