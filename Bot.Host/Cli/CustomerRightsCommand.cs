using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Conversations.Customers;
using Bot.Conversations.Privacy;
using Bot.Host.WeCom;

namespace Bot.Host.Cli;

/// <summary>
/// `scripts/bot export customer NAME` and `scripts/bot forget customer NAME`. The name is resolved as the bot
/// resolves it for an admin (<see cref="CustomerArgument"/>); a name that fits several customers lists them and changes nothing.
/// </summary>
public sealed class CustomerRightsCommand(CustomerDirectory directory, ICustomerRecords records, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Readable = new(WeComJson.Options) { WriteIndented = true };

    /// <param name="json">The JSON for machines; otherwise the report a person reads (<see cref="CustomerExportText"/>).</param>
    public async Task<int> ExportAsync(string name, bool json, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var (customer, exitCode) = await CustomerArgument.ResolveAsync(directory, name, error, ct);
        if (customer is null)
            return exitCode;
        var export = await records.ExportAsync(customer.Id, new CustomerMentions(await directory.GetAsync(ct), customer.Id), ct);
        if (export is null)
            return await CustomerArgument.NotFoundAsync(name, error);
        var node = JsonNode.Parse(export)!;
        await output.WriteLineAsync(json ? node.ToJsonString(Readable) : CustomerExportText.Render(node));
        return 0;
    }

    public async Task<int> ForgetAsync(string name, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var (customer, exitCode) = await CustomerArgument.ResolveAsync(directory, name, error, ct);
        if (customer is null)
            return exitCode;
        var counts = await records.ForgetAsync(customer.Id, null, "cli:" + Environment.UserName, clock.GetUtcNow(),
            new CustomerMentions(await directory.GetAsync(ct), customer.Id), ct);
        if (counts is null)
            return await CustomerArgument.NotFoundAsync(name, error);
        await output.WriteLineAsync(
            $"已删除「{customer.LegalName}」的个人信息，客户现记为「{ErasedNames.Customer(customer.Id)}」：联系人 {counts.Contacts} 个，" +
            $"沟通记录 {counts.Interactions} 条，提醒 {counts.Reminders} 条（未完成的 {counts.RemindersCancelled} 条已取消），" +
            $"消息 {counts.InboundMessages + counts.OutboxMessages} 条。订单、阶段和沟通次数匿名保留，已记入审计日志。");
        return 0;
    }
}
