using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Customers;

/// <summary>"金禾赵总不想收祝福了" / "金禾退订": no more care messages to that contact (or the whole customer), recorded with time and source.</summary>
public sealed class OptOutHandler(ICustomerRepository customers, ICustomerQueries queries) : IIntentHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var customer = await customers.GetAsync(context.CustomerId, ct) ?? throw new InvalidOperationException("customer vanished");
        var contact = context.ContactId is { } id ? (await customers.ListContactsAsync(customer.Id, ct)).FirstOrDefault(c => c.Id == id) : null;
        await queries.OptOutAsync(customer.Id, contact?.Id, $"rep:{context.User.WeComUserId}", context.Now, ct);
        var who = contact is null ? $"{customer.ShortName ?? customer.LegalName}的所有联系人" : $"{customer.ShortName ?? customer.LegalName}的{contact.Name}";
        return [Reply.Plain($"好的，以后不再给{who}发节日和生日祝福了（已记录退订时间和来源）。业务沟通不受影响。")];
    }
}
