using Bot.Conversations.Understanding;
using Bot.Conversations.Understanding.Evaluation;
using Bot.Conversations.Understanding.Model;

namespace Bot.Bench;

/// <summary>
/// `train` (scripts/train): trains the classifiers on the corpus and reports them on every set; `nlu --corpus`
/// (scripts/bench nlu): the shipped model's figures. Development tools, so they live here and not in the host.
/// </summary>
internal static class ModelCommands
{
    public static int Train(DirectoryInfo corpusRoot, FileInfo output)
    {
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        var corpus = new UnderstandingCorpus(corpusRoot.FullName);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using (var file = File.Create(output.FullName))
            corpus.Train(file);
        Console.WriteLine($"trained on {corpus.Training.Count} messages in {watch.Elapsed.TotalSeconds:F1} s → {output.FullName} ({output.Length / 1024} KB)");
        using var stream = File.OpenRead(output.FullName);
        var model = UnderstandingModel.Load(stream);
        var metrics = ModelFigures.Measure(corpus, model);
        foreach (var (name, card) in metrics)
            Console.Write(card.Report(name));
        var path = Path.ChangeExtension(output.FullName, ".metrics.json");
        File.WriteAllText(path, ModelFigures.Json(corpus, metrics) + "\n");
        Console.WriteLine($"figures → {path}");
        return 0;
    }

    /// <summary>
    /// `scripts/train --dev`: trains in memory and reports the dev set only, with every miss, so a change to the
    /// features or the training data is judged without the frozen test split ever being read.
    /// </summary>
    public static int TryOnDev(DirectoryInfo corpusRoot)
    {
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        var corpus = new UnderstandingCorpus(corpusRoot.FullName);
        using var buffer = new MemoryStream();
        corpus.Train(buffer);
        buffer.Position = 0;
        var card = UnderstandingEvaluation.Score(corpus.Dev, corpus, UnderstandingModel.Load(buffer));
        Console.Write(card.Report("dev"));
        foreach (var miss in card.Misses)
            Console.WriteLine(miss);
        return 0;
    }

    /// <summary>
    /// The shipped model's figures on every set, per intent (`scripts/bench nlu`), and how well its intent probability is
    /// calibrated on the dev set, the set the thresholds are chosen on (never on the frozen one).
    /// </summary>
    public static int Report(DirectoryInfo corpusRoot)
    {
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        var corpus = new UnderstandingCorpus(corpusRoot.FullName);
        foreach (var (name, card) in ModelFigures.Measure(corpus, UnderstandingModel.Shipped))
            Console.Write(card.Report(name));
        Console.Write(Calibration.Measure(corpus.Dev, corpus, UnderstandingModel.Shipped).Report("dev"));
        return 0;
    }
}
