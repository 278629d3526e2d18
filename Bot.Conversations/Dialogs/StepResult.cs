using Bot.Conversations.Pipeline;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Dialogs;

/// <summary>
/// What a <see cref="IDialogStep"/> made of a message: the replies, or a reading of an earlier message (the one a
/// question held back, or the one being corrected) that goes on through the policy and its intent's handler.
/// </summary>
public abstract record StepResult
{
    public static StepResult Say(Reply reply) => new Replied([reply]);

    public sealed record Replied(IReadOnlyList<Reply> Replies) : StepResult;

    /// <param name="Confirmed">The user already said yes, so a doubtful write is not asked about again.</param>
    /// <param name="Preface">Said before the handler's first reply, so the user sees what was changed.</param>
    public sealed record Act(IncomingMessage Message, ParsedMessage Parsed, bool Confirmed, string? Preface = null) : StepResult
    {
        public IReadOnlyList<Reply> Prefaced(IReadOnlyList<Reply> replies) =>
            Preface is null || replies.Count == 0 ? replies : [replies[0] with { Text = Preface + replies[0].Text }, .. replies.Skip(1)];
    }
}
