namespace Bot.Conversations.Understanding.Model;

/// <summary>
/// A trained linear classifier over the text's features: per class a weight for each feature and a bias, as ML.NET's
/// trainers learnt them (<see cref="ModelTrainer"/>). <see cref="UnderstandingModel"/> lays every classifier's weights
/// side by side per feature, so a message's few features are read in a few cache lines.
/// </summary>
public sealed class LinearClassifier(string name, IReadOnlyList<string> labels, float[][] weights, float[] biases, bool multiclass)
{
    public string Name => name;

    public IReadOnlyList<string> Labels => labels;

    public int Classes => biases.Length;

    public float Weight(int feature, int label) => weights[label][feature];

    /// <summary>
    /// From the weighted sums (without bias) to probabilities: softmax over the classes for a multiclass model; for a
    /// binary one the probability of its single label.
    /// </summary>
    public float[] Probabilities(ReadOnlySpan<float> sums)
    {
        var scores = new float[biases.Length];
        for (var c = 0; c < scores.Length; c++)
            scores[c] = sums[c] + biases[c];
        if (!multiclass)
        {
            scores[0] = 1f / (1f + MathF.Exp(-scores[0]));
            return scores;
        }
        var max = scores.Max();
        var total = 0f;
        for (var c = 0; c < scores.Length; c++)
            total += scores[c] = MathF.Exp(scores[c] - max);
        for (var c = 0; c < scores.Length; c++)
            scores[c] /= total;
        return scores;
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(name);
        writer.Write(multiclass);
        writer.Write(labels.Count);
        foreach (var label in labels)
            writer.Write(label);
        writer.Write(weights.Length);
        writer.Write(weights.Length == 0 ? 0 : weights[0].Length);
        for (var c = 0; c < weights.Length; c++)
        {
            writer.Write(biases[c]);
            foreach (var w in weights[c])
                writer.Write(w);
        }
    }

    public static LinearClassifier Read(BinaryReader reader)
    {
        var name = reader.ReadString();
        var multiclass = reader.ReadBoolean();
        var labels = new string[reader.ReadInt32()];
        for (var i = 0; i < labels.Length; i++)
            labels[i] = reader.ReadString();
        var classes = reader.ReadInt32();
        var dimensions = reader.ReadInt32();
        var weights = new float[classes][];
        var biases = new float[classes];
        for (var c = 0; c < classes; c++)
        {
            biases[c] = reader.ReadSingle();
            weights[c] = new float[dimensions];
            for (var d = 0; d < dimensions; d++)
                weights[c][d] = reader.ReadSingle();
        }
        return new LinearClassifier(name, labels, weights, biases, multiclass);
    }
}
