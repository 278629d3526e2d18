using System.Text.RegularExpressions;
using Bot.Conversations.Customers;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Understanding;
using Bot.Conversations.Understanding.Text;

namespace Bot.Conversations.Dialogs;

/// <summary>
/// "渠道是拜访" / "不是电话，是上门拜访" / "联系人是王海不是王工", right after logging an interaction: the interaction
/// is taken back and the same message logged again with that one field changed, everything else kept; 撤销 afterwards
/// undoes the fixed one. Only within the undo window and only for the last write being an interaction.
/// </summary>
public sealed partial class FixLastInteraction(UndoLastWrite undo, CustomerDirectory directory, ContactFix contacts) : IDialogStep
{
    // 渠道是拜访 · 方式改成微信 · 应该是电话 · 不是电话是拜访 · 是拜访不是电话
    [GeneratedRegex(@"^\s*(不对[,\s]*)?((渠道|方式|沟通方式|形式)\s*(是|改成|改为|应该是|换成)|应该是|不是\s*\S{1,6}?\s*[,\s]*(而)?是|是)\s*(?<channel>\S{1,6}?)\s*(才对|不是\s*\S{1,6})?\s*[.!]?$")]
    private static partial Regex ChannelFix();

    // 联系人是王海 · 联系人是王海不是王工 · 对接人改成李总 · 不是王工是王海（only with 联系人 said, so it is not a customer correction）
    [GeneratedRegex(@"^\s*(不对[,\s]*)?(联系人|对接人|对接的人|见的人|聊的人)\s*(是|改成|改为|应该是|换成)\s*(?<contact>[^,!.?不]{1,12}?)\s*([,\s]*不是\s*\S{1,12})?\s*[.!]?$")]
    private static partial Regex ContactSaid();

    public async Task<StepResult?> AnswerAsync(DialogTurn turn, CancellationToken ct)
    {
        if (turn.Dialog.Last is not { Intent: Intent.LogInteraction } last)
            return null;
        var text = TextNormalizer.Normalize(turn.Text);
        if (ChannelFix().Match(text) is { Success: true } channelFix && InteractionChannels.FromWord(channelFix.Groups["channel"].Value) is { } said)
            return await RedoAsync(turn, last, p => p with { Channel = said }, $"已更正：渠道改为{said.ChineseName()}。\n", ct);
        if (ContactSaid().Match(text) is not { Success: true } contactFix)
            return null;
        var (contact, refusal) = await contacts.FindAsync(last.CustomerId, contactFix.Groups["contact"].Value, ct);
        if (contact is null)
            return StepResult.Say(Reply.Plain(refusal!));
        return await RedoAsync(turn, last, p => p with { Customer = new CustomerResolution.Resolved(last.CustomerId, contact.Id, contact.Name) },
            $"已更正：联系人改为{contact.Name}。\n", ct);
    }

    private async Task<StepResult> RedoAsync(DialogTurn turn, LastWrite last, Func<ParsedMessage, ParsedMessage> fix, string prefix, CancellationToken ct)
    {
        var view = await directory.GetAsync(ct);
        var parsed = MessageParser.Parse(last.Text, turn.Scope, turn.Now, view, last.CustomerId, last.Intent);
        await undo.UndoAsync(turn.Dialog, ct);
        return new StepResult.Act(turn.Message with { Text = last.Text, InboundId = last.InboundId }, fix(parsed), Confirmed: true, prefix);
    }
}
