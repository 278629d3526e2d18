using Bot.Conversations.Customers;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Dialogs;

/// <summary>
/// "你说的「星辰」是哪一家？" with numbered choices and buttons; the message waits in the dialog state and a click, a
/// reply of "2" or the name finishes it for the chosen customer.
/// </summary>
public sealed class CustomerQuestion(CustomerDirectory directory, MessageParser parser) : IDialogStep
{
    /// <param name="said">The message as the user wrote it: it is handled again, as written, once they choose.</param>
    public async Task<Reply> AskAsync(
        DialogSession dialog, string said, ParsedMessage parsed, string question, IReadOnlyList<long> customerIds, DateTimeOffset now, CancellationToken ct)
    {
        var view = await directory.GetAsync(ct);
        var choices = customerIds.Where(view.Customers.ContainsKey).Take(6).ToList();
        await dialog.AskAsync(new PendingChoice(said, parsed.Intent, choices, now), ct);
        var lines = choices.Select((id, i) => $"{i + 1}. {view.Customers[id].LegalName}");
        return new Reply(ReplyKind.Card, question + "\n" + string.Join("\n", lines) + "\n回复序号或客户名即可。", "选择客户",
            [.. choices.Select((id, i) => PickButton.For(id, $"{i + 1}. {Short(view.Customers[id])}"))]);
    }

    public async Task<StepResult?> AnswerAsync(DialogTurn turn, CancellationToken ct)
    {
        if (turn.Dialog.Pending is not { } pending)
            return null;
        var chosen = PickButton.Picked(turn.Message) is { } picked && pending.CustomerIds.Contains(picked)
            ? picked
            : ChoiceAnswer.Pick(turn.Text, pending.CustomerIds, await directory.GetAsync(ct));
        if (chosen is not { } customerId)
            return null;
        await turn.Dialog.ClearPendingAsync(ct);
        var parsed = await parser.ParseAsync(pending.Text, turn.Scope, turn.Now, ct, customerId);
        return new StepResult.Act(turn.Message with { Text = pending.Text }, parsed with { Intent = pending.Intent }, Confirmed: false);
    }

    private static string Short(DirectoryCustomer customer) => customer.ShortName ?? customer.LegalName;
}
