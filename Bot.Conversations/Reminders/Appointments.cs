using Bot.Conversations.Customers;

namespace Bot.Conversations.Reminders;

/// <summary>
/// "约了华东精密周五上午10点去厂里谈" is an appointment, not a plain reminder: the reminder comes an hour before it, and
/// once it should be over the rep is asked how it went (<see cref="AppointmentOutcomes"/>). It takes a customer, a
/// clock time and a word that the rep will meet or call them then; without a clock time there is nothing to come
/// before, so it stays a reminder at 09:00 that day.
/// </summary>
public static class Appointments
{
    public static readonly TimeSpan Lead = TimeSpan.FromHours(1);

    private static readonly string[] MeetingWords = ["约了", "约好", "约在", "约的", "预约", "约他", "约她", "约对方", "约客户", "见面", "面谈", "碰头", "碰个面", "见个面", "去谈", "过去谈", "来谈"];

    // "明天10点提醒我给金禾打电话" asks for a reminder, not about a meeting the rep set up with the customer.
    private static readonly string[] ReminderWords = ["提醒", "记得", "别忘", "叫我", "通知我"];

    /// <summary>The appointment a reminder message sets, or null when it is a plain reminder.</summary>
    public static Appointment? Read(string text, DateTimeOffset at, bool hasClockTime, bool hasCustomer)
    {
        if (!hasCustomer || !hasClockTime)
            return null;
        var channel = InteractionChannels.FindIn(text) is [var first, ..] ? first.Channel : (InteractionChannel?)null;
        var agreed = MeetingWords.Any(text.Contains);
        if (!agreed && (channel is null || ReminderWords.Any(text.Contains)))
            return null;
        return new Appointment(at, channel ?? InteractionChannel.Visit);
    }

    /// <summary>An hour before, or at once when that hour has begun (never after the appointment itself).</summary>
    public static DateTimeOffset RemindAt(Appointment appointment, DateTimeOffset now)
    {
        var before = appointment.At - Lead;
        return before > now ? before : appointment.At > now.AddMinutes(1) ? now.AddMinutes(1) : appointment.At;
    }

    public static string What(InteractionChannel channel) => channel switch
    {
        InteractionChannel.Phone => "通话",
        InteractionChannel.Meeting => "会议",
        _ => "面谈",
    };
}
