using System.Diagnostics.Metrics;

namespace Bot.Conversations;

/// <summary>
/// The conversations' product metrics, on the host's "Bot" meter (the host exports it; this project only records).
/// What was decided about each understood message, and what became of care greetings.
/// </summary>
public sealed class ConversationMetrics
{
    public const string MeterName = "Bot";

    private readonly Counter<long> _decisions;
    private readonly Counter<long> _careGreetings;

    public ConversationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _decisions = meter.CreateCounter<long>("bot.understanding.decisions", "{message}",
            "What was done with an understood message: act, confirm, ask or none; model when the model's reading replaced the rules'.");
        _careGreetings = meter.CreateCounter<long>("bot.care.greetings", "{greeting}", "Care greetings handed to WeCom (sent) and confirmed by the rep.");
    }

    /// <summary><paramref name="decision"/> is one of act, confirm, ask, none, model.</summary>
    public void Decided(string decision) => _decisions.Add(1, new KeyValuePair<string, object?>("decision", decision));

    /// <param name="outcome">sent (handed to the channel), confirmed, failed or unconfirmed (written off).</param>
    public void CareGreetings(string outcome, int count)
    {
        if (count > 0)
            _careGreetings.Add(count, new KeyValuePair<string, object?>("outcome", outcome));
    }
}
