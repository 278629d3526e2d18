using System.Text.Json;
using Bot.Conversations.Understanding.Model;

namespace Bot.Conversations.Understanding.Evaluation;

/// <summary>
/// A model's figures on every labelled set of the corpus, as `scripts/train` writes them beside the model
/// (understanding.metrics.json) and the retraining test compares them.
/// </summary>
public static class ModelFigures
{
    public const string ShippedResource = "Understanding.Model.understanding.metrics.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static IReadOnlyList<(string Name, Scorecard Card)> Measure(UnderstandingCorpus corpus, UnderstandingModel model) =>
    [
        ("tuned (training)", UnderstandingEvaluation.Score(corpus.Tuned, corpus, model)),
        ("dev", UnderstandingEvaluation.Score(corpus.Dev, corpus, model)),
        ("held-out", UnderstandingEvaluation.Score(corpus.HeldOut, corpus, model)),
        ("frozen test", UnderstandingEvaluation.Score(corpus.Frozen, corpus, model)),
    ];

    public static string Json(UnderstandingCorpus corpus, IReadOnlyList<(string Name, Scorecard Card)> figures) =>
        JsonSerializer.Serialize(new
        {
            training = corpus.Training.Count,
            sets = figures.ToDictionary(m => m.Name, m => new
            {
                messages = m.Card.Count,
                intent = Math.Round(m.Card.IntentAccuracy, 4),
                slots = Math.Round(m.Card.SlotAccuracy, 4),
                questions = m.Card.Questions,
                writes_on_questions = m.Card.WritesOnQuestions.Count,
            }),
        }, Indented);

    /// <summary>The figures `scripts/train` wrote for the model this assembly ships.</summary>
    public static string Shipped()
    {
        using var stream = typeof(ModelFigures).Assembly.GetManifestResourceStream(ShippedResource)
            ?? throw new InvalidOperationException("the model's figures are not embedded; run scripts/train");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
