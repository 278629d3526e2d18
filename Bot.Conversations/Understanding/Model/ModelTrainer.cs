using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Bot.Conversations.Understanding.Model;

/// <summary>One labelled message as the classifiers learn it: its <see cref="ModelText"/> and what it says.</summary>
public sealed record TrainingExample(string Text, string Intent, string? Channel, string? Stage, IReadOnlyList<Objection> Objections);

/// <summary>
/// Trains <see cref="UnderstandingModel"/>: seeded and on one thread, so the same examples
/// always give the same model and the same figures (a test retrains and compares). Channel, stage and
/// objections are learnt only from the messages whose intent carries them (the others weigh zero).
/// </summary>
public static class ModelTrainer
{
    /// <summary>The channel or stage class of a message that reports none.</summary>
    public const string NoClass = "none";

    // Chosen by leaving writers out of training (two folds of four writers each): intent 97.5% and 95.8%. No L1:
    // ML.NET's default of 1 prunes so hard that the model no longer fits even its training messages.
    private const float L2 = 0.01f;

    public static void Train(IReadOnlyList<TrainingExample> examples, Stream output)
    {
        var ml = new MLContext(seed: 1);
        var vocabulary = TextFeatures.Learn(examples.Select(e => e.Text));
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, vocabulary.Count);
        var features = ml.Data.Cache(ml.Data.LoadFromEnumerable(examples.Select(e => ToRow(e, vocabulary)), schema));

        var classifiers = new List<LinearClassifier>
        {
            Multiclass(ml, features, nameof(Row.Intent), null),
            Multiclass(ml, features, nameof(Row.Channel), nameof(Row.ChannelWeight)),
            Multiclass(ml, features, nameof(Row.Stage), nameof(Row.StageWeight)),
        };
        foreach (var objection in Enum.GetValues<Objection>())
            classifiers.Add(Binary(ml, features, objection));

        using var zip = new System.IO.Compression.ZipArchive(output, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true);
        using (var writer = new StreamWriter(zip.CreateEntry(UnderstandingModel.VocabularyEntry).Open(), new System.Text.UTF8Encoding(false)))
            vocabulary.Write(writer);
        using var binary = new BinaryWriter(zip.CreateEntry(UnderstandingModel.ClassifiersEntry).Open());
        binary.Write(classifiers.Count);
        foreach (var classifier in classifiers)
            classifier.Write(binary);
    }

    private static LinearClassifier Multiclass(MLContext ml, IDataView features, string label, string? weight)
    {
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label", label).Fit(features).Transform(features);
        var model = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = "Label",
            FeatureColumnName = UnderstandingModel.FeaturesColumn,
            ExampleWeightColumnName = weight,
            NumberOfThreads = 1,
            L2Regularization = L2,
            L1Regularization = 0,
        }).Fit(keyed).Model;
        VBuffer<ReadOnlyMemory<char>> names = default;
        keyed.Schema["Label"].GetKeyValues(ref names);
        VBuffer<float>[] weights = [];
        model.GetWeights(ref weights, out var classes);
        return new LinearClassifier(label, [.. names.DenseValues().Select(n => n.ToString())],
            [.. weights.Take(classes).Select(w => w.DenseValues().ToArray())], [.. model.GetBiases()], multiclass: true);
    }

    private static LinearClassifier Binary(MLContext ml, IDataView features, Objection objection)
    {
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = Row.ObjectionColumn(objection),
            FeatureColumnName = UnderstandingModel.FeaturesColumn,
            ExampleWeightColumnName = nameof(Row.ObjectionWeight),
            NumberOfThreads = 1,
            L2Regularization = L2,
            L1Regularization = 0,
        });
        var linear = trainer.Fit(features).Model.SubModel;
        return new LinearClassifier(objection.Code(), [objection.Code()], [[.. linear.Weights]], [linear.Bias], multiclass: false);
    }

    private static Row ToRow(TrainingExample e, TextFeatures vocabulary)
    {
        var logs = e.Intent == "log_interaction";
        var (indices, values) = vocabulary.Of(e.Text);
        var row = new Row
        {
            Features = new VBuffer<float>(vocabulary.Count, indices.Length, values, indices),
            Intent = e.Intent,
            Channel = e.Channel ?? NoClass,
            // An edit's channel is the new one it sets (不是电话，是拜访 → visit): learnt like a logged one.
            ChannelWeight = IntentCatalogue.Of(IntentCatalogue.FromCode(e.Intent))?.Reads(Slot.Channel) == true ? 1 : 0,
            Stage = e.Stage ?? NoClass,
            StageWeight = logs || e.Intent == "update_stage" ? 1 : 0,
            ObjectionWeight = logs || e.Intent is "update_stage" or "objection_help" ? 1 : 0,
        };
        foreach (var objection in e.Objections)
            typeof(Row).GetProperty(Row.ObjectionColumn(objection))!.SetValue(row, true);
        return row;
    }
}

internal sealed class Row
{
    public VBuffer<float> Features { get; set; }

    public string Intent { get; set; } = "";

    public string Channel { get; set; } = "";

    public float ChannelWeight { get; set; }

    public string Stage { get; set; } = "";

    public float StageWeight { get; set; }

    public float ObjectionWeight { get; set; }

    public bool ObjectionPrice { get; set; }

    public bool ObjectionHesitation { get; set; }

    public bool ObjectionCompetitor { get; set; }

    public bool ObjectionTiming { get; set; }

    public bool ObjectionBudget { get; set; }

    public bool ObjectionAuthority { get; set; }

    public bool ObjectionNeed { get; set; }

    public bool ObjectionTrust { get; set; }

    public bool ObjectionComplaint { get; set; }

    public static string ObjectionColumn(Objection objection) => "Objection" + objection;
}
