namespace Bot.Conversations.Operations;

/// <summary>The demo company (a manager, four reps, sixty customers) for a first look.</summary>
public interface IDemoCompany
{
    /// <returns>False when the database already has customers and nothing was loaded.</returns>
    Task<bool> SeedIfEmptyAsync(CancellationToken ct);
}
