using Bot.Conversations.Care;
using Bot.Conversations.Pipeline;
using Bot.Host.Care;

namespace Bot.Host.WeCom;

/// <summary>What the bot sends on its own, worded for WeCom: app messages to members, group sends to customers.</summary>
public sealed class WeComChannelMessages : IChannelMessages
{
    public OutgoingMessage Notice(string toUserId, Reply reply, string key) => AppMessageRenderer.Render(toUserId, reply, key);

    public OutgoingMessage CareGreeting(PlannedCare plan) => CareMessages.GroupSend(plan);
}
