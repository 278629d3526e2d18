using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;

namespace Bot.Conversations.Records;

/// <summary>
/// 「把昨天给金禾记的那条拜访删了」 · 「海川那个提醒不要了」 · 「刚才那单记错了删掉」: one of the user's own earlier records —
/// an interaction, an open reminder, an order or a deal — is deleted after a one-line confirmation (a reminder is
/// cancelled, so reports stay right); 撤销 within ten minutes restores it, and the audit entry keeps what was removed.
/// </summary>
public sealed class DeleteRecordHandler(RecordChanges changes) : IIntentHandler
{
    public Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct) => changes.ProposeAsync(context, ct);
}
