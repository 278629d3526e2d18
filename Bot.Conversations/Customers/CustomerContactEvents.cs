using Bot.Conversations.Pipeline;
using Bot.Conversations.Team;

namespace Bot.Conversations.Customers;

public sealed record CustomerAddedOutcome(string WelcomeText, IReadOnlyList<Notice> Notices);

/// <summary>
/// What a customer adding or removing a rep on WeChat means for the sales record: link or create the customer,
/// greet them, and — when a customer removes the rep, a strong churn signal — alert the rep and their manager.
/// </summary>
public sealed class CustomerContactEvents(IUserDirectory users, IExternalContactStore contacts, ICustomerQueries queries, TimeProvider clock)
{
    public async Task<CustomerAddedOutcome> OnCustomerAddedAsync(string repUserId, ExternalContactProfile profile, CancellationToken ct)
    {
        var rep = await users.FindByWeComIdAsync(repUserId, ct);
        var hello = string.IsNullOrWhiteSpace(profile.Name) ? "您好！" : $"{profile.Name}，您好！";
        if (rep is null)
            return new CustomerAddedOutcome($"{hello}很高兴认识您，有任何需要随时联系我们。", []);

        var linked = await contacts.LinkAsync(rep.Id, profile, clock.GetUtcNow(), ct);
        await contacts.SetRemovedAsync(profile.ExternalUserId, null, ct);
        var welcome = $"{hello}我是{rep.Name}，很高兴认识您，以后有任何问题随时找我。";
        var note = linked.CustomerCreated
            ? $"新客户：{profile.Name}{Company(profile)} 加了你的企业微信，已新建客户「{linked.Customer.LegalName}」（潜在）。建议 48 小时内跟进一次。"
            : $"{profile.Name} 加了你的企业微信，已关联到客户「{linked.Customer.LegalName}」。";
        return new CustomerAddedOutcome(welcome, [new Notice(rep.WeComUserId, Reply.Plain(note))]);
    }

    public async Task<IReadOnlyList<Notice>> OnCustomerRemovedRepAsync(string repUserId, string externalUserId, CancellationToken ct)
    {
        var rep = await users.FindByWeComIdAsync(repUserId, ct);
        var found = await contacts.FindAsync(externalUserId, ct);
        await contacts.SetRemovedAsync(externalUserId, clock.GetUtcNow(), ct);
        if (rep is null || found is not { } link)
            return [];

        var who = $"「{link.Customer.ShortName ?? link.Customer.LegalName}」的{link.Contact.Name}";
        var notices = new List<Notice>
        {
            new(rep.WeComUserId, Reply.Plain($"⚠️ {who}删除了你的企业微信，有流失风险。建议今天先打个电话问问原因，看是服务、价格还是人员变动。")),
        };
        if (rep.ManagerId is { } managerId && await users.GetAsync(managerId, ct) is { Active: true } manager)
            notices.Add(new Notice(manager.WeComUserId, Reply.Plain($"⚠️ 流失预警：{who}删除了{rep.Name}的企业微信。必要时请出面回访。")));
        return notices;
    }

    /// <summary>The rep tagged the customer with the corp's opt-out tag: no more care messages to that contact.</summary>
    public async Task<bool> OnOptOutTaggedAsync(string externalUserId, string tag, CancellationToken ct)
    {
        if (await contacts.FindAsync(externalUserId, ct) is not { } link)
            return false;
        await queries.OptOutAsync(link.Customer.Id, link.Contact.Id, "tag:" + tag, clock.GetUtcNow(), ct);
        return true;
    }

    private static string Company(ExternalContactProfile profile) =>
        string.IsNullOrWhiteSpace(profile.CorpName) ? "" : $"（{profile.CorpName}）";
}
