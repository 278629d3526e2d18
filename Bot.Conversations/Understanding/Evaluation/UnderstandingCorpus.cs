using Bot.Conversations.Understanding.Model;

namespace Bot.Conversations.Understanding.Evaluation;

/// <summary>
/// The labelled messages under one folder (Bot.Tests/TestData/nlu): `corpus/train` and the set the rules were once
/// tuned on (`labelled.jsonl`) train the model; `corpus/dev` chooses thresholds; `corpus/frozen` (writers whose
/// messages never enter training) and `heldout.jsonl` only measure. Each line names its book (`books/`).
/// </summary>
public sealed class UnderstandingCorpus(string root)
{
    private readonly Dictionary<string, LabelledBook> _books = [];

    // Each set is read from disk once: training, measuring and reporting all ask for the same sets.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<LabelledMessage>> _sets = new();

    public string Root => root;

    public IReadOnlyList<LabelledMessage> Training => Set("training", () => [.. Folder("train"), .. Tuned]);

    public IReadOnlyList<LabelledMessage> Dev => Set("dev", () => Folder("dev"));

    public IReadOnlyList<LabelledMessage> Frozen => Set("frozen", () => Folder("frozen"));

    public IReadOnlyList<LabelledMessage> HeldOut => Set("heldout", () => File("heldout.jsonl"));

    public IReadOnlyList<LabelledMessage> Tuned => Set("tuned", () => File("labelled.jsonl"));

    public LabelledBook Book(string name)
    {
        lock (_books)
        {
            if (!_books.TryGetValue(name, out var book))
                _books[name] = book = LabelledBook.Load(Path.Combine(root, "books", name + ".json"));
            return book;
        }
    }

    public IReadOnlyList<TrainingExample> TrainingExamples() =>
        [.. Training.Select(m => new TrainingExample(
            MessageReading.Of(m.Text, m.Now, Book(m.Book).View).ModelText, m.Intent, m.Expected["channel"], m.Expected["stage"],
            [.. (m.Expected["objections"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Objections.FromCode)]))];

    /// <summary>Trains the model on <see cref="Training"/>; nothing from `frozen` can reach it.</summary>
    public void Train(Stream output) => ModelTrainer.Train(TrainingExamples(), output);

    private IReadOnlyList<LabelledMessage> Set(string name, Func<IReadOnlyList<LabelledMessage>> read) => _sets.GetOrAdd(name, _ => read());

    private List<LabelledMessage> Folder(string name) =>
        [.. Directory.GetFiles(Path.Combine(root, "corpus", name), "*.jsonl").Order(StringComparer.Ordinal).SelectMany(f => LabelledMessage.Load(f))];

    private IReadOnlyList<LabelledMessage> File(string name) => LabelledMessage.Load(Path.Combine(root, name));
}
