using Bot.Conversations.Understanding.Evaluation;
using Bot.Conversations.Understanding.Model;

namespace Bot.Tests.Conversations.Understanding;

/// <summary>The shipped model is what `scripts/train` makes of the corpus: retraining reproduces its figures exactly.</summary>
public sealed class ModelTrainingTests
{
    [Fact]
    public void Retraining_FromTheCorpus_ReproducesTheShippedFigures()
    {
        var corpus = LabelledSetTests.Corpus;
        using var file = new MemoryStream();
        corpus.Train(file);
        file.Position = 0;
        var model = UnderstandingModel.Load(file);

        Assert.Equal(ModelFigures.Shipped().Trim(), ModelFigures.Json(corpus, ModelFigures.Measure(corpus, model)).Trim());
    }
}
