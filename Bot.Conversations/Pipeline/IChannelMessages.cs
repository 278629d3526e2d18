using Bot.Conversations.Care;

namespace Bot.Conversations.Pipeline;

/// <summary>How the channel words what the bot sends on its own; the host renders it for WeCom.</summary>
public interface IChannelMessages
{
    /// <summary>A message to a member, queued under <paramref name="key"/>.</summary>
    OutgoingMessage Notice(string toUserId, Reply reply, string key);

    /// <summary>A greeting to a customer, sent in the owning rep's name once the rep confirms it.</summary>
    OutgoingMessage CareGreeting(PlannedCare plan);
}
