using System.Text.RegularExpressions;
using Bot.Conversations.Customers;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Understanding;
using Bot.Conversations.Understanding.Text;

namespace Bot.Conversations.Dialogs;

/// <summary>
/// "不对，是X" in any phrasing: the last write is taken back and the same message is handled again for X, so
/// everything else it said (channel, objection, follow-up, stage) stays as it was; 撤销 afterwards undoes the
/// corrected write.
/// </summary>
public sealed partial class CorrectLastWrite(UndoLastWrite undo, CustomerDirectory directory) : IDialogStep
{
    // 不对，是X · 哦不对 记错了 是广州瑞丰 · 搞错了，应该是X · 不是星辰是金禾 · 客户说错了，X
    [GeneratedRegex(@"^\s*(哦|噢|啊|呃|嗯|哎)?\s*[,!]?\s*(不对|错了|搞错了|记错了|说错了|弄错了|写错了|打错了|我说错了|客户错了|客户说错了|客户弄错了|不是这家)[,!.\s]*(?:不对|记错了|搞错了|说错了)?[,!.\s]*(应该|其实|我是说|我说的)?\s*(是)?\s*(?<name>[^,!.?]{2,24}?)\s*(才对|那家|吧)?\s*[.!]?$")]
    private static partial Regex Correction();

    [GeneratedRegex(@"^\s*不是\s*(?<wrong>[^,]{2,12}?)\s*[,\s]*(而)?是\s*(?<name>[^,!.?]{2,24}?)\s*[.!]?$")]
    private static partial Regex NotThisButThat();

    public async Task<StepResult?> AnswerAsync(DialogTurn turn, CancellationToken ct)
    {
        if (turn.Dialog.Last is not { } last
            || (Correction().Match(turn.Text) is { Success: true } correction ? correction : NotThisButThat().Match(turn.Text)) is not { Success: true } corrected)
            return null;
        var name = corrected.Groups["name"].Value;
        var view = await directory.GetAsync(ct);
        var target = CustomerResolution.Resolve(view.Index.Find(TextNormalizer.Normalize(name)), view.OwnerOf, turn.Scope);
        switch (target)
        {
            case CustomerResolution.OutOfScope o:
                return StepResult.Say(Reply.Plain($"「{o.Mention}」不在你负责的客户范围内，没法改到它名下。"));
            case CustomerResolution.Ambiguous a:
                return StepResult.Say(Reply.Plain($"「{a.Mention}」对应好几家客户，请说全称，比如「不对，是{view.Customers[a.CustomerIds[0]].LegalName}」。"));
            case CustomerResolution.NotMentioned:
                return StepResult.Say(Reply.Plain($"没找到客户「{name}」，请说客户全称或简称。"));
        }
        var resolved = (CustomerResolution.Resolved)target;
        if (resolved.CustomerId == last.CustomerId)
            return StepResult.Say(Reply.Plain("刚才记的就是这家客户，没有改动。"));
        await undo.UndoAsync(turn.Dialog, ct);
        var parsed = MessageParser.Parse(last.Text, turn.Scope, turn.Now, view, resolved.CustomerId, last.Intent);
        var moved = view.Customers[resolved.CustomerId].ShortName ?? view.Customers[resolved.CustomerId].LegalName;
        return new StepResult.Act(turn.Message with { Text = last.Text, InboundId = last.InboundId }, parsed, Confirmed: true, $"已更正，改记到{moved}名下。\n");
    }
}
