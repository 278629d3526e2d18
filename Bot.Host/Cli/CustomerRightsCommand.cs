using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Conversations.Customers;
using Bot.Conversations.Privacy;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding;
using Bot.Conversations.Understanding.Text;
using Bot.Host.WeCom;

namespace Bot.Host.Cli;

/// <summary>
/// `scripts/bot export customer NAME` and `scripts/bot forget customer NAME`. The name is resolved as the bot
/// resolves it for an admin; a name that fits several customers lists them and changes nothing.
/// </summary>
public sealed class CustomerRightsCommand(CustomerDirectory directory, ICustomerRecords records, TimeProvider clock)
{
    public const int NotFound = 1;
    public const int Ambiguous = 2;

    private static readonly UserScope Everyone = new(new SalesUser(0, "cli", "命令行", UserRole.Admin, null, true), null);

    private static readonly JsonSerializerOptions Readable = new(WeComJson.Options) { WriteIndented = true };

    /// <param name="json">The JSON for machines; otherwise the report a person reads (<see cref="CustomerExportText"/>).</param>
    public async Task<int> ExportAsync(string name, bool json, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var (customer, exitCode) = await ResolveAsync(name, error, ct);
        if (customer is null)
            return exitCode;
        var export = await records.ExportAsync(customer.Id, ct);
        if (export is null)
            return await NotFoundAsync(name, error);
        var node = JsonNode.Parse(export)!;
        await output.WriteLineAsync(json ? node.ToJsonString(Readable) : CustomerExportText.Render(node));
        return 0;
    }

    public async Task<int> ForgetAsync(string name, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var (customer, exitCode) = await ResolveAsync(name, error, ct);
        if (customer is null)
            return exitCode;
        var counts = await records.ForgetAsync(customer.Id, null, "cli:" + Environment.UserName, clock.GetUtcNow(),
            new CustomerMentions(await directory.GetAsync(ct), customer.Id), ct);
        if (counts is null)
            return await NotFoundAsync(name, error);
        await output.WriteLineAsync(
            $"已删除「{customer.LegalName}」的个人信息，客户现记为「{ErasedNames.Customer(customer.Id)}」：联系人 {counts.Contacts} 个，" +
            $"沟通记录 {counts.Interactions} 条，提醒 {counts.Reminders} 条（未完成的 {counts.RemindersCancelled} 条已取消），" +
            $"消息 {counts.InboundMessages + counts.OutboxMessages} 条。订单、阶段和沟通次数匿名保留，已记入审计日志。");
        return 0;
    }

    private async Task<(DirectoryCustomer? Customer, int ExitCode)> ResolveAsync(string name, TextWriter error, CancellationToken ct)
    {
        var view = await directory.GetAsync(ct);
        var text = TextNormalizer.Normalize(name).Trim();
        // The whole argument must be the name: once 成都金桥电子 is erased, "成都金桥电子有限公司" must not fall back to
        // the 金桥电子有限公司 inside it, or running forget twice would erase a second customer.
        switch (CustomerResolution.Resolve(view.Index.Find(text), view.OwnerOf, Everyone))
        {
            case CustomerResolution.Resolved resolved when resolved.Mention == text:
                return (view.Customers[resolved.CustomerId], 0);
            case CustomerResolution.Ambiguous ambiguous when ambiguous.Mention == text:
                await error.WriteLineAsync($"「{name}」对应 {ambiguous.CustomerIds.Count} 家客户，请用全称再执行一次：");
                foreach (var id in ambiguous.CustomerIds)
                    await error.WriteLineAsync($"  {view.Customers[id].LegalName}");
                return (null, Ambiguous);
            default:
                return (null, await NotFoundAsync(name, error));
        }
    }

    private static async Task<int> NotFoundAsync(string name, TextWriter error)
    {
        await error.WriteLineAsync($"没有找到客户「{name}」。");
        return NotFound;
    }
}
