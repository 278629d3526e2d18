using Bot.Conversations.Customers;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;

namespace Bot.Conversations.Merging;

/// <summary>
/// 「星辰科技和星辰网络科技有限公司是同一家，合并一下」 (admins only): finds the two customers, asks which one where a name
/// fits several, and proposes the merge in one line — keeping the one with more history, which the admin can swap.
/// Nothing is written here; <see cref="MergeConfirmation"/> merges on 确认.
/// </summary>
public sealed class MergeCustomersHandler(CustomerDirectory directory, CustomerQuestion question, MergeProposal proposal, ICustomerMerges merges) : IIntentHandler
{
    private const string Example = "「星辰科技和星辰网络科技有限公司是同一家，合并一下」";

    public async Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var view = await directory.GetAsync(ct);
        var chosen = context.Parsed.Customer is CustomerResolution.Resolved resolved ? resolved.CustomerId : (long?)null;
        var reading = MergeMentions.Read(context.Parsed.Text, view, chosen);
        if (reading is MergeReading.Ask ask)
            return [await question.AskAsync(context.Dialog, ask.AskedText, context.Parsed with { Text = ask.AskedText }, $"要合并的「{ask.Mention}」是哪一家？", ask.CustomerIds, context.Now, ct)];
        if (reading is not MergeReading.Pair pair)
            return [Reply.Plain(Unresolved(reading, view))];

        var first = await merges.DescribeAsync(pair.First, ct);
        var second = await merges.DescribeAsync(pair.Second, ct);
        if (first is not { Live: true } || second is not { Live: true })
            return [Reply.Plain(MergeText.Refusal(MergeRefusal.Gone))];
        var (survivor, merged) = MergeRules.Propose(first, second);
        // 「…合并，归李娜」 settles the owner in the same breath.
        var owner = view.Index.Find(context.Parsed.Text).SelectMany(m => m.Members).Select(m => (long?)m.Id)
            .FirstOrDefault(id => id == survivor.OwnerId || id == merged.OwnerId);
        var pending = new PendingMerge(survivor.Id, merged.Id, owner, context.Parsed.Text, context.Message.InboundId, context.Now);
        return [await proposal.ShowAsync(context.Dialog, pending, ct)];
    }

    private static string Unresolved(MergeReading reading, CustomerDirectory.View view) => reading switch
    {
        MergeReading.Same same => $"「{same.First}」和「{same.Second}」是同一个客户，不用合并。",
        MergeReading.OnlyOne one => $"只找到「{view.Customers[one.CustomerId].LegalName}」，另一家没找到。请说出两家客户的名称，比如{Example}。",
        _ => $"要合并哪两家客户？请说出两家的名称，比如{Example}。",
    };
}
