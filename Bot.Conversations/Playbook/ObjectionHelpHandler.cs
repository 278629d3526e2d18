using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Playbook;

/// <summary>"客户说太贵了怎么回": the playbook's script for the objection(s) the message names.</summary>
public sealed class ObjectionHelpHandler : IIntentHandler
{
    public Intent Intent => Intent.ObjectionHelp;

    public CustomerNeed Needs => CustomerNeed.None;

    public Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var objections = context.Parsed.Objections;
        IReadOnlyList<Reply> replies = objections.Count == 0
            ? [Reply.Plain("客户提出的是什么异议？比如「客户嫌贵怎么回」「客户要和竞品比怎么说」「客户说要再考虑怎么办」。")]
            : [Reply.Plain(string.Join("\n\n", objections.Take(2).Select(ObjectionScripts.For)))];
        return Task.FromResult(replies);
    }
}
