using Bot.Conversations.Common;
using Bot.Conversations.Pipeline;

namespace Bot.Conversations.Care;

/// <summary>
/// Stores a rep's change to one greeting ahead — skipped this time, or sent with their text — for the chat request
/// and the 「这次不发」 button alike: refused once the greeting is queued, said only once when it is already skipped.
/// </summary>
public sealed class GreetingChanger(IGreetingChanges changes)
{
    /// <param name="text">The rep's text, or null to skip the greeting this time.</param>
    /// <returns>The one-line answer, and what takes the change back when one was stored.</returns>
    public async Task<(Reply Reply, GreetingChanged? Undo)> ChangeAsync(GreetingAhead greeting, string? text, long userId, DateTimeOffset now, CancellationToken ct)
    {
        var today = ChinaTime.DateOf(now);
        var named = GreetingWords.Named(greeting, today);
        if (greeting.Stored is { } status)
            return (GreetingWords.TooLate(greeting, status, today, userId), null);
        if (text is null && greeting.Change is { Skips: true })
            return (Reply.Plain($"{named}已经跳过了，这次不会发。"), null);
        var change = new GreetingChange(greeting.Due.Key, greeting.Candidate.ContactId, greeting.Candidate.CustomerId, greeting.Occasion, greeting.On, text, userId, now);
        // The morning run may have queued it since it was looked up.
        if (!await changes.SaveAsync(change, ct))
            return (GreetingWords.TooLate(greeting, CareTaskStatus.Planned, today, userId), null);
        var done = text is null ? $"好的，{named}这次不发了，以后的祝福照常。" : $"好的，{named}改为：「{text}」。";
        return (Reply.Plain(done + "\n说错了回复「撤销」。"), new GreetingChanged(greeting.Due.Key, greeting.Change));
    }
}
