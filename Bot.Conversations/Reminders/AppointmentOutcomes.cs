using Bot.Conversations.Common;
using Bot.Conversations.Customers;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Team;

namespace Bot.Conversations.Reminders;

/// <summary>
/// After an appointment the rep is asked 「谈得怎么样？」 — unless they already logged it — and their next report
/// with no customer named is logged against that appointment's customer (see <see cref="Dialogs.IntentDispatch"/>).
/// The question stays open for <see cref="AnswerWindow"/>; after that a report without a customer is asked about as usual.
/// </summary>
public sealed class AppointmentOutcomes(IReminderRepository reminders, IUserDirectory users)
{
    public static readonly TimeSpan AnswerWindow = TimeSpan.FromHours(12);

    public async Task<ScheduledOutput> RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        var due = await reminders.ListOutcomesDueAsync(now, ct);
        if (due.Count == 0)
            return ScheduledOutput.None;
        var today = ChinaTime.DateOf(now);
        var notices = new List<ScheduledNotice>();
        foreach (var byRep in due.Where(d => !d.AlreadyLogged).GroupBy(d => d.RepId))
        {
            if (await users.GetAsync(byRep.Key, ct) is not { Active: true } rep)
                continue;
            // Only the latest is asked: an answer without a customer can be meant for one appointment only.
            var latest = byRep.MaxBy(d => d.At)!;
            var text = $"{latest.CustomerName}的{Appointments.What(latest.Channel)}（{ChineseFormat.DayAndTime(latest.At, today)}）谈得怎么样？"
                + "直接回复经过，比如「谈得不错，对方要报价，下周一再跟进」，我帮你记下来。";
            notices.Add(new ScheduledNotice($"appointment:outcome:{latest.ReminderId}", rep.WeComUserId, Reply.Plain(text)));
        }
        return new ScheduledOutput(notices, token => reminders.MarkOutcomeAskedAsync([.. due.Select(d => d.ReminderId)], now, token));
    }

    /// <summary>The appointment whose outcome the rep was asked for and has not given, if still within the window.</summary>
    public Task<AwaitedOutcome?> AwaitedAsync(long repId, DateTimeOffset now, CancellationToken ct) =>
        reminders.FindAwaitedOutcomeAsync(repId, now - AnswerWindow, ct);
}
