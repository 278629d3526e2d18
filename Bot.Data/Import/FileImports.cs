using Bot.Conversations.Operations;

namespace Bot.Data.Import;

/// <summary>The importers behind one port, each file's report in Chinese.</summary>
public sealed class FileImports(
    UserImporter users, CustomerImporter customers, OrderImporter orders, DealImporter deals, TargetImporter targets, GuideImporter guides) : IImports
{
    public async Task<ImportOutcome> ImportAsync(ImportKind kind, byte[] file, CancellationToken ct)
    {
        try
        {
            var report = kind switch
            {
                ImportKind.Users => await users.ImportAsync(file, ct),
                ImportKind.Customers => await customers.ImportAsync(file, ct),
                ImportKind.Orders => await orders.ImportAsync(file, ct),
                ImportKind.Deals => await deals.ImportAsync(file, ct),
                ImportKind.Targets => await targets.ImportAsync(file, ct),
                _ => throw new ArgumentOutOfRangeException(nameof(kind)),
            };
            return new ImportOutcome(true, report.ToChinese());
        }
        catch (CsvFormatException ex)
        {
            return new ImportOutcome(false, ex.Message);
        }
    }

    public async Task<string> ImportGuidesAsync(string directory, CancellationToken ct) => (await guides.ImportAsync(directory, ct)).ToChinese();
}
