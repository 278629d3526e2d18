using System.Text.RegularExpressions;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Customers;

/// <summary>
/// "新客户：深圳蓝天科技有限公司": creates a lead owned by the rep — unless the name already fits a customer,
/// in which case it says so ("已有客户星辰网络科技有限公司，是同一家吗？") instead of creating a duplicate.
/// </summary>
public sealed partial class AddCustomerHandler(ICustomerRepository customers, CustomerDirectory directory) : IIntentHandler
{
    [GeneratedRegex(@"(新客户|新建客户|添加客户|加个客户|录入客户|建档|新增客户|加一个客户|建个客户|新建一个客户|添加一个客户|add customer)\s*[:,]?\s*(?<name>[^,.;!?\s]{2,40})")]
    private static partial Regex NameAfterCue();

    public async Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var match = NameAfterCue().Match(context.Parsed.Text);
        if (!match.Success)
            return [Reply.Plain("新客户叫什么？请发全称，比如「新客户：深圳蓝天科技有限公司」。")];
        var name = match.Groups["name"].Value;
        if (context.Parsed.Customer is not CustomerResolution.NotMentioned)
        {
            var view = await directory.GetAsync(ct);
            var existing = view.Index.Find(name).SelectMany(m => m.CustomerIds).Distinct().Select(id => view.Customers[id].LegalName).FirstOrDefault();
            if (existing is not null)
                return [Reply.Plain($"已有客户「{existing}」，是同一家吗？是的话直接记录跟进就行；不是的话请发完整的公司全称再建。")];
        }
        var customer = await customers.AddAsync(new NewCustomer(name, null, [], null, null, null, context.User.Id, FunnelStage.Lead), context.User.Id, ct);
        directory.Invalidate();
        var text = $"已新建客户「{customer.LegalName}」，阶段：潜在，负责人：{context.User.Name}。接下来可以直接说跟进情况，我来记录。\n说错了回复「撤销」。";
        await context.RememberWriteAsync(text, customer.Id, [new CustomerCreated(customer.Id)], ct);
        return [Reply.Plain(text)];
    }
}
