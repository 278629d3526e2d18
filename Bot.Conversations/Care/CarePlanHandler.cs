using Bot.Conversations.Common;
using Bot.Conversations.Customers;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Funnel;
using Bot.Conversations.Pipeline;

namespace Bot.Conversations.Care;

/// <summary>
/// "这周要给哪些客户发祝福" / "中秋祝福发给谁" / "金禾赵总的生日祝福什么时候发": the greetings the care job will send for the
/// user's customers (a manager's team's), day by day — who, which occasion, the text that will go out — and those
/// skipped, yielding to the quota, or already queued or sent. The days asked, else the next seven; a festival named
/// alone, its next day; one customer named, the next time of each of its greetings. Writes nothing.
/// </summary>
public sealed class CarePlanHandler(CarePreview preview, CustomerDirectory directory) : IIntentHandler
{
    /// <summary>Each line carries a whole greeting, and a WeCom markdown message holds 2048 bytes.</summary>
    private const int PageSize = 5;

    public async Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var today = context.Today;
        var named = CareOccasions.NamedIn(context.Parsed.Text);
        var customer = context.Parsed.Customer as CustomerResolution.Resolved;
        var (title, greetings) = await FindAsync(context, customer, named, ct);
        if (greetings.Count == 0)
        {
            var what = named.Count == 1 ? named.Single().ChineseName() : "客户祝福";
            return [Reply.Plain($"{title}没有要发的{what}。只有加了企业微信、同意接收且没有退订的联系人才会收到祝福。")];
        }

        var team = context.Scope.OwnerIds?.Count != 1;
        var lines = greetings.Select(g => new ListLine(
            $"· {g.Candidate.Company} {g.Candidate.ContactName}{(team ? $"（{g.Candidate.RepName}）" : "")} · {g.Occasion.ChineseName()}："
            + GreetingWords.Outlook(g, context.User.Id),
            $"**{ChineseFormat.Day(g.On, today)}**")).ToList();
        var heading = $"**{title}要发的客户祝福（{greetings.Count} 条）**";
        if (greetings.FirstOrDefault(g => g.Stored is null) is { } example)
            heading += $"\n不想发或要改文字，就说「跳过{GreetingWords.Reference(example)}」或「{GreetingWords.Reference(example)}改成：……」。";
        var replies = await ListPages.ShowAsync(context.Dialog, heading, $"{title}的客户祝福", lines, PageSize, context.Now, ct);
        // One greeting that can still change, in an answer of one message: a click skips it.
        var open = greetings.Where(g => g.Stored is null && g.Change is not { Skips: true }).ToList();
        return greetings.Count <= PageSize && open.Count == 1
            ? [.. replies, new Reply(ReplyKind.Card, $"不想发{GreetingWords.Reference(open[0])}的话，点「这次不发」。", "客户祝福", [GreetingButtons.Skip(open[0], "这次不发")])]
            : replies;
    }

    private async Task<(string Title, IReadOnlyList<GreetingAhead> Greetings)> FindAsync(
        ConversationContext context, CustomerResolution.Resolved? customer, IReadOnlySet<CareOccasion> named, CancellationToken ct)
    {
        var today = context.Today;
        var asked = UpcomingDays.Named(context.Parsed, today);
        bool Wanted(GreetingAhead g) =>
            (customer?.ContactId is not { } contact || g.Candidate.ContactId == contact) && (named.Count == 0 || named.Contains(g.Occasion));

        if (asked is null && customer is not null)
        {
            var ahead = GreetingAhead.NextOfEach((await preview.BetweenAsync(context.Scope, customer.CustomerId, today, today.AddDays(CarePreview.YearAhead), ct)).Where(Wanted));
            // No occasion named: what comes next for each contact, not a year of festivals.
            var next = named.Count > 0 ? ahead : [.. ahead.GroupBy(g => g.Candidate.ContactId).SelectMany(g => g.Where(x => x.On == g.Min(y => y.On)))];
            var whom = GreetingWords.Whom(await directory.GetAsync(ct), customer.CustomerId, customer.ContactId);
            return ($"{whom}接下来", [.. next.OrderBy(g => g.On)]);
        }

        var festivals = named.Intersect(CareOccasions.Festivals).ToList();
        var days = asked is null && festivals.Count > 0 ? NextFestival(festivals, today) : asked ?? UpcomingDays.For(context.Parsed, today);
        var greetings = (await preview.BetweenAsync(context.Scope, customer?.CustomerId, days.From, days.Until, ct)).Where(Wanted).ToList();
        return (days.Label, greetings);
    }

    /// <summary>「中秋祝福发给谁」: the day of the named festival that comes first from today.</summary>
    private static UpcomingDays NextFestival(IEnumerable<CareOccasion> festivals, DateOnly today)
    {
        var (festival, day) = festivals
            .Select(f => (Festival: f, Day: FestivalCalendar.DateOf(f, today.Year) is var d && d >= today ? d : FestivalCalendar.DateOf(f, today.Year + 1)))
            .MinBy(f => f.Day);
        return new UpcomingDays(day, day.AddDays(1), $"{FestivalCalendar.NameOf(festival)} {ChineseFormat.Day(day, today)}");
    }
}
