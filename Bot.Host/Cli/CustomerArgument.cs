using Bot.Conversations.Customers;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding.Text;

namespace Bot.Host.Cli;

/// <summary>
/// A customer named on the command line, resolved as the bot resolves it for an admin. The whole argument must be
/// the name; a name that fits several customers lists them and resolves to none.
/// </summary>
public static class CustomerArgument
{
    public const int NotFound = 1;
    public const int Ambiguous = 2;

    private static readonly UserScope Everyone = new(new SalesUser(0, "cli", "命令行", UserRole.Admin, null, true), null);

    public static async Task<(DirectoryCustomer? Customer, int ExitCode)> ResolveAsync(CustomerDirectory directory, string name, TextWriter error, CancellationToken ct)
    {
        var view = await directory.GetAsync(ct);
        var text = TextNormalizer.Normalize(name).Trim();
        // Once 成都金桥电子 is erased, "成都金桥电子有限公司" must not fall back to the 金桥电子有限公司 inside it, or running
        // forget twice would erase a second customer.
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

    public static async Task<int> NotFoundAsync(string name, TextWriter error)
    {
        await error.WriteLineAsync($"没有找到客户「{name}」。");
        return NotFound;
    }
}
