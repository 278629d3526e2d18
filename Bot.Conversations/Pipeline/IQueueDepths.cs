namespace Bot.Conversations.Pipeline;

/// <summary>How much work waits, for the metrics gauges (read synchronously: their callbacks are).</summary>
public interface IQueueDepths
{
    QueueDepth Read();
}
