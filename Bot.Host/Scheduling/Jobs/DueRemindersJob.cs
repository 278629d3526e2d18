using Bot.Conversations.Pipeline;
using Bot.Conversations.Reminders;
using Microsoft.Extensions.Options;

namespace Bot.Host.Scheduling.Jobs;

/// <summary>Every minute: a card for each follow-up that just fell due.</summary>
public sealed class DueRemindersJob(DueReminderCards cards, INoticeOutbox outbox, IOptions<SchedulingOptions> options) : IScheduledJob
{
    public async Task<string> RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        var output = await cards.RunAsync(now, TimeSpan.FromMinutes(options.Value.DueCardLookBackMinutes), ct);
        return $"{await outbox.QueueAsync(output, ct)} 张提醒卡片";
    }
}
