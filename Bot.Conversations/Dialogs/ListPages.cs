using Bot.Conversations.Pipeline;

namespace Bot.Conversations.Dialogs;

/// <summary>One line of a long list; <paramref name="Group"/> is a heading said once above its run of lines.</summary>
public sealed record ListLine(string Text, string? Group = null);

/// <summary>
/// Paging for every list reply: the first page is shown with 「还有 N 个」 and a 「更多」 button, the rest waits in the
/// dialog state as rendered lines, and 「更多」/「下一页」/「还有呢」 or the click shows the next page. Any other message
/// drops what is left, as the other pending steps do.
/// </summary>
public sealed class ListPages : IDialogStep
{
    public const int PageSize = 10;

    /// <summary>The most lines a list keeps; the dialog state stays small and nobody pages through more.</summary>
    public const int Most = 200;

    private const string ButtonKey = "list:more";

    private static readonly string[] MoreWords = ["更多", "下一页", "还有呢", "还有吗", "继续", "再来", "后面的呢"];

    /// <param name="heading">The first page's first line, e.g. 「**流失预警 21 个**」, or null when the groups head the list.</param>
    /// <param name="title">What the list is called on the pages after the first, e.g. 「流失预警」.</param>
    public static Task<IReadOnlyList<Reply>> ShowAsync(DialogSession dialog, string? heading, string title, IReadOnlyList<ListLine> lines, DateTimeOffset now, CancellationToken ct) =>
        ShowAsync(dialog, heading, title, lines, PageSize, now, ct);

    /// <param name="pageSize">Fewer lines a page than <see cref="PageSize"/> when each line is long (a whole greeting).</param>
    public static async Task<IReadOnlyList<Reply>> ShowAsync(
        DialogSession dialog, string? heading, string title, IReadOnlyList<ListLine> lines, int pageSize, DateTimeOffset now, CancellationToken ct)
    {
        var rest = lines.Skip(pageSize).Take(Most).ToList();
        if (rest.Count > 0)
            await dialog.ShowMoreAsync(new PendingPage(title, rest, now, pageSize), ct);
        return Page(heading, lines.Take(pageSize), rest.Count, last: false);
    }

    public async Task<StepResult?> AnswerAsync(DialogTurn turn, CancellationToken ct)
    {
        var asked = turn.Message is { Kind: MessageKind.ButtonClick, ButtonKey: ButtonKey }
            || MoreWords.Contains(turn.Text.Trim().TrimEnd('。', '？', '?', '!', '！', '~', '.'));
        if (turn.Dialog.More is not { } more)
        {
            return asked && (turn.Message.Kind == MessageKind.ButtonClick || turn.Text.Trim() is "更多" or "下一页")
                ? StepResult.Say(Reply.Plain("没有更多了。要看列表可以再问一次，比如「我的客户」。"))
                : null;
        }
        if (!asked)
        {
            await turn.Dialog.ShowMoreAsync(null, ct);
            return null;
        }
        var left = more.Rest.Skip(more.PageSize).ToList();
        await turn.Dialog.ShowMoreAsync(left.Count > 0 ? more with { Rest = left, ShownAt = turn.Now } : null, ct);
        return new StepResult.Replied(Page($"**{more.Title}（续）**", more.Rest.Take(more.PageSize), left.Count, last: left.Count == 0));
    }

    private static IReadOnlyList<Reply> Page(string? heading, IEnumerable<ListLine> page, int left, bool last)
    {
        var text = new List<string>();
        if (heading is not null)
            text.Add(heading);
        string? group = null;
        foreach (var line in page)
        {
            // A page that starts inside a group says its heading again, so each page reads on its own.
            if (line.Group is not null && line.Group != group)
                text.Add(line.Group);
            group = line.Group ?? group;
            text.Add(line.Text);
        }
        if (left == 0)
            return [Reply.Markdown(string.Join("\n", last ? [.. text, "没有更多了。"] : text))];
        text.Add($"还有 {left} 个，回复「更多」看下一页");
        return [Reply.Markdown(string.Join("\n", text)), new Reply(ReplyKind.Card, "点「更多」看下一页。", $"还有 {left} 个", [new ReplyButton(ButtonKey, "更多")])];
    }
}
