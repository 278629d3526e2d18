namespace Bot.Conversations.Operations;

/// <summary>The database schema, brought up to date at start and by `migrate` (numbered scripts, under a lock).</summary>
public interface ISchemaMigrations
{
    /// <returns>The numbers of the migrations applied now; empty when the schema was current.</returns>
    Task<IReadOnlyList<int>> MigrateAsync(CancellationToken ct);
}
