namespace Bot.Host.Cli;

/// <summary>How often the model was asked during `eval --model`, how long each question took and how often its reading was used.</summary>
internal sealed class ModelAsked
{
    private readonly List<double> _milliseconds = [];

    public int Accepted { get; private set; }

    public int Count => _milliseconds.Count;

    public void Add(TimeSpan latency, bool accepted)
    {
        _milliseconds.Add(latency.TotalMilliseconds);
        if (accepted)
            Accepted++;
    }

    public double Milliseconds(double p) => Percentiles.Of([.. _milliseconds.Order()], p);
}
