using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;

namespace Bot.Conversations.Records;

/// <summary>
/// 「昨天金禾那条记录渠道改成拜访」 · 「上周三星辰那次联系人应该是王海」 · 「那次拜访其实是周一」: one field of one of the user's
/// own earlier interactions changes after a one-line confirmation with before → after. With no customer and no day
/// said it is the last interaction the user logged, however long ago (right after logging, <see cref="FixLastInteraction"/>
/// logs it again instead). A contact the customer does not have is not guessed.
/// </summary>
public sealed class EditRecordHandler(RecordChanges changes) : IIntentHandler
{
    public Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct) => changes.ProposeAsync(context, ct);
}
