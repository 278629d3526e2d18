namespace Bot.Conversations.Operations;

public enum ImportKind
{
    Users,
    Customers,
    Orders,
    Deals,
    Targets,
}

/// <param name="Imported">False when the whole file was refused (not a table at all).</param>
/// <param name="Report">The Chinese report: counts and every rejected row with its line, or why the file was refused.</param>
public sealed record ImportOutcome(bool Imported, string Report);

/// <summary>The company's own data from files: users, customers, orders, deals, sales targets (CSV) and the sales guides.</summary>
public interface IImports
{
    Task<ImportOutcome> ImportAsync(ImportKind kind, byte[] file, CancellationToken ct);

    /// <returns>The Chinese report of the passages found.</returns>
    Task<string> ImportGuidesAsync(string directory, CancellationToken ct);
}
