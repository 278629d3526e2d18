using System.Buffers;
using System.Text.RegularExpressions;
using Bot.Conversations.Common;
using Bot.Conversations.Customers;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Understanding.Text;

namespace Bot.Conversations.Care;

/// <summary>
/// "这次给金禾赵总的生日祝福先不发" / "跳过海川的元旦祝福" / "给星辰李总的中秋祝福改成：…": one coming greeting of a customer in
/// the user's scope is skipped this time, sent with the rep's text (which passes <see cref="CareText"/>), or put back to
/// normal (「还是照常发」); the planning run honours it and 撤销 puts back what was there. "This time" is the next time
/// of the customer's greeting; one already queued or sent can no longer change, and when several fit it asks which.
/// An opt-out (no greetings ever again) is <see cref="OptOutHandler"/>.
/// </summary>
public sealed partial class ChangeGreetingHandler(CarePreview preview, GreetingChanger changer, IGreetingChanges changes, CustomerDirectory directory)
    : IIntentHandler
{
    [GeneratedRegex(@"(?:改成|改为|换成|改一下|内容为|写成)\s*[:：]?\s*(?<text>.*)$", RegexOptions.Singleline)]
    private static partial Regex Rewrite();

    [GeneratedRegex("照常|恢复|还是(?:要)?发|正常发|不用跳过|别跳过")]
    private static partial Regex BackToNormal();

    private const string Opening = "\"'“‘「『";
    private static readonly SearchValues<char> Closing = SearchValues.Create("\"'”’」』");

    public async Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var said = context.Message.Text;
        var rewrite = Rewrite().Match(said);
        // The greeting is named before the new text, which may well mention festivals of its own.
        var request = TextNormalizer.Normalize(rewrite.Success ? said[..rewrite.Index] : said);
        var named = CareOccasions.NamedIn(request);
        var today = context.Today;
        var fits = GreetingAhead.NextOfEach(await preview.BetweenAsync(context.Scope, context.CustomerId, today, today.AddDays(CarePreview.YearAhead), ct))
            .Where(g => (context.ContactId is not { } contact || g.Candidate.ContactId == contact) && (named.Count == 0 || named.Contains(g.Occasion)))
            .ToList();
        if (fits.Count != 1)
        {
            var whom = GreetingWords.Whom(await directory.GetAsync(ct), context.CustomerId, context.ContactId);
            if (fits.Count > 1)
                return Which(fits, rewrite.Success, today, whom);
            var what = named.Count == 1 ? named.Single().ChineseName() : "祝福";
            return [Reply.Plain($"{whom}接下来没有要发的{what}，没有可改的。只有加了企业微信、同意接收且没有退订的联系人才会收到祝福。")];
        }

        var greeting = fits[0];
        if (greeting.Stored is { } status)
            return [GreetingWords.TooLate(greeting, status, today, context.User.Id)];
        string? text = null;
        if (rewrite.Success)
        {
            text = Unquote(rewrite.Groups["text"].Value);
            if (text.Length == 0)
                return [Reply.Plain($"要改成什么？把新的祝福一起发我，比如「{GreetingWords.Reference(greeting)}改成：……」。")];
            if (CareText.Problem(text) is { } problem)
                return [Reply.Plain(problem)];
        }
        else if (BackToNormal().IsMatch(request))
        {
            return [await RestoreAsync(context, greeting, ct)];
        }
        var (reply, undo) = await changer.ChangeAsync(greeting, text, context.User.Id, context.Now, ct);
        if (undo is not null)
            await context.RememberWriteAsync(reply.Text, context.CustomerId, [undo], ct);
        return [reply];
    }

    private async Task<Reply> RestoreAsync(ConversationContext context, GreetingAhead greeting, CancellationToken ct)
    {
        var named = GreetingWords.Named(greeting, context.Today);
        if (greeting.Change is null)
            return Reply.Plain($"{named}本来就会照常发送，没有改动。");
        await changes.RemoveAsync(greeting.Due.Key, ct);
        var text = $"好的，{named}恢复照常发送。\n说错了回复「撤销」。";
        await context.RememberWriteAsync(text, context.CustomerId, [new GreetingChanged(greeting.Due.Key, greeting.Change)], ct);
        return Reply.Plain(text);
    }

    /// <summary>Several greetings fit: the rep says which in words, or, to skip one, clicks it.</summary>
    private static IReadOnlyList<Reply> Which(List<GreetingAhead> fits, bool rewrite, DateOnly today, string whom)
    {
        var shown = fits.OrderBy(g => g.On).Take(6).ToList();
        var lines = shown.Select(g => $"· {ChineseFormat.Day(g.On, today)} {g.Candidate.ContactName} · {g.Occasion.ChineseName()}");
        var example = GreetingWords.Reference(fits[0]);
        var question = Reply.Plain($"{whom}接下来有 {fits.Count} 条祝福，是哪一条？\n{string.Join("\n", lines)}\n"
            + $"请带上联系人和节日再说一次，比如「{(rewrite ? $"{example}改成：……" : $"跳过{example}")}」。");
        if (rewrite)
            return [question];
        return [question, new Reply(ReplyKind.Card, "也可以直接点这次不发的那一条。", "跳过哪一条？",
            [.. shown.Where(g => g.Stored is null).Select(g => GreetingButtons.Skip(g, $"{g.Candidate.ContactName} {g.Occasion.ChineseName()}"))])];
    }

    /// <summary>「“李总，中秋快乐！”。」 → 李总，中秋快乐！</summary>
    private static string Unquote(string text)
    {
        text = text.Trim();
        if (text.Length > 1 && Opening.Contains(text[0], StringComparison.Ordinal) && text.AsSpan().LastIndexOfAny(Closing) is var end and > 0)
            text = text[1..end];
        return text.Trim();
    }
}
