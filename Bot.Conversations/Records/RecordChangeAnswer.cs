using System.Globalization;
using System.Text.RegularExpressions;
using Bot.Conversations.Customers;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;

namespace Bot.Conversations.Records;

/// <summary>
/// The answer to a fix's question: a number (or its button) picks one of several records and the one-line question
/// follows; 确认 writes the change — the audit entry keeps the rows as they were, and 撤销 within ten minutes puts them
/// back; 不用了 drops it. Anything else is a new message, and the question lapses.
/// </summary>
public sealed partial class RecordChangeAnswer(IRecordStore records, RecordChanges changes) : IDialogStep
{
    [GeneratedRegex(@"^\s*(确认|确定|确认删除|确认修改|确认取消|是|是的|对|对的|好|好的|嗯|可以|ok|行|删|删吧|删掉|删了吧|删掉吧|改|改吧)\s*[.!~]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex YesWords();

    [GeneratedRegex(@"^\s*(不|不是|不用|不用了|不要|取消|算了|别删|不删了|别改|不改了|撤销|no)\s*[.!~]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex NoWords();

    public async Task<StepResult?> AnswerAsync(DialogTurn turn, CancellationToken ct)
    {
        if (turn.Dialog.RecordFix is not { } pending)
            return null;
        var key = turn.Message is { Kind: MessageKind.ButtonClick, ButtonKey: { } k } ? k : null;
        if (key == RecordChanges.NoKey || (key is null && NoWords().IsMatch(turn.Text)))
        {
            await turn.Dialog.AwaitRecordChangeAsync(null, ct);
            return StepResult.Say(Reply.Plain(pending.Change.Deletes ? "好的，没有删除。" : "好的，没有修改。"));
        }
        if (pending.Choices.Count > 1)
        {
            var position = key is not null && key.StartsWith(RecordChanges.PickPrefix, StringComparison.Ordinal)
                && int.TryParse(key.AsSpan(RecordChanges.PickPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var clicked)
                ? clicked
                : ChoiceAnswer.Position(turn.Text, pending.Choices.Count);
            if (position is not { } n)
                return key is null && YesWords().IsMatch(turn.Text) ? StepResult.Say(Reply.Plain("有好几条，请先回复序号选一条。")) : null;
            if (n < 1 || n > pending.Choices.Count)
                return StepResult.Say(Reply.Plain($"请回复 1 到 {pending.Choices.Count} 之间的序号。"));
            var chosen = pending.Choices[n - 1];
            if (await records.GetAsync(chosen.Kind, chosen.Id, ct) is not { } record)
                return StepResult.Say(await GoneAsync(turn.Dialog, ct));
            return StepResult.Say(await changes.AskToConfirmAsync(turn.Dialog, pending with { Choices = [chosen] }, record, turn.Now, ct));
        }
        if (key != RecordChanges.YesKey && (key is not null || !YesWords().IsMatch(turn.Text)))
            return null;
        await turn.Dialog.AwaitRecordChangeAsync(null, ct);
        return StepResult.Say(await ApplyAsync(turn, pending, ct));
    }

    private async Task<Reply> ApplyAsync(DialogTurn turn, PendingRecordChange pending, CancellationToken ct)
    {
        var choice = pending.Choices[0];
        // Looked up again: the record may have gone, or been erased, since the question.
        if (await records.GetAsync(choice.Kind, choice.Id, ct) is not { } record || record.AuthorId != turn.User.Id)
            return await GoneAsync(turn.Dialog, ct);
        var actor = "chat:" + turn.User.WeComUserId;
        string text;
        long auditId;
        if (pending.Change.Deletes)
        {
            if (await records.RemoveAsync(record.Kind, record.Id, turn.User.Id, actor, turn.Now, ct) is not { } removal)
                return await GoneAsync(turn.Dialog, ct);
            auditId = removal.AuditId;
            text = $"{(record.Kind == RecordKind.Reminder ? "已取消" : "已删除")}：{record.Line()}。{Aftermath(record, removal)}";
        }
        else
        {
            var change = pending.Change;
            var edit = change.Field switch
            {
                RecordField.Channel => new InteractionEdit(Channel: change.Channel),
                RecordField.Contact => new InteractionEdit(ContactId: change.ContactId),
                _ => new InteractionEdit(OccurredAt: Common.ChinaTime.At(change.Day!.Value, change.Time!.Value)),
            };
            if (await records.EditInteractionAsync(record.Id, edit, turn.User.Id, actor, turn.Now, ct) is not { } audited)
                return await GoneAsync(turn.Dialog, ct);
            auditId = audited;
            var after = await records.GetAsync(record.Kind, record.Id, ct);
            text = $"已修改：{after?.Line() ?? record.Line()}。";
        }
        text += "\n10分钟内回复「撤销」可以恢复。";
        await turn.Dialog.RememberWriteAsync(
            new LastWrite(text, record.CustomerId ?? 0, [new RecordChanged(auditId, turn.User.Id)], pending.Text, pending.Intent, pending.InboundId, turn.Now), ct);
        return Reply.Plain(text);
    }

    /// <summary>What stays and what went with an interaction, said plainly.</summary>
    private static string Aftermath(EarlierRecord record, RecordRemoval removal)
    {
        var notes = new List<string>();
        if (removal.Stage is { } stage)
        {
            var move = $"{stage.From.ChineseName()}→{stage.To.ChineseName()}";
            notes.Add(stage.TakenBack ? $"它记下的阶段变化（{move}）一并撤回。" : $"它记下的阶段变化（{move}）保留：之后阶段又变过。");
            if (stage.To == FunnelStage.Won)
                notes.Add("签约时记的订单和商机没有动，要删的话单独说。");
        }
        if (removal.OpenFollowUp)
            notes.Add("跟进提醒不受影响。");
        return record.Kind switch
        {
            RecordKind.Order => "报表不再计入。",
            RecordKind.Deal => "预测和目标完成情况不再计入。",
            _ => string.Concat(notes),
        };
    }

    private static async Task<Reply> GoneAsync(DialogSession dialog, CancellationToken ct)
    {
        await dialog.AwaitRecordChangeAsync(null, ct);
        return Reply.Plain("这条记录已经不在了（可能已删除或客户信息已按要求抹去），没有改动。");
    }
}
