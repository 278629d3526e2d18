using System.Diagnostics.Metrics;

namespace Bot.Conversations;

/// <summary>
/// The conversations' product metrics, on the host's "Bot" meter (the host exports it; this project only records).
/// One counter: what was decided about each understood message.
/// </summary>
public sealed class ConversationMetrics
{
    public const string MeterName = "Bot";

    private readonly Counter<long> _decisions;

    public ConversationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _decisions = meter.CreateCounter<long>("bot.understanding.decisions", "{message}",
            "What was done with an understood message: act, confirm, ask or none; model when the model's reading replaced the rules'.");
    }

    /// <summary><paramref name="decision"/> is one of act, confirm, ask, none, model.</summary>
    public void Decided(string decision) => _decisions.Add(1, new KeyValuePair<string, object?>("decision", decision));
}
