namespace Bot.Conversations.Customers;

/// <summary>
/// The name index of the whole book, kept in memory and rebuilt when the database's version stamp moves
/// (checked at most once a second), so a customer added on another host is found a second later at most.
/// </summary>
public sealed class CustomerDirectory(ICustomerDirectorySource source, TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _reload = new(1, 1);
    private State? _state;

    private sealed record State(View View, string Version, DateTimeOffset CheckedAt);

    public sealed record View(CustomerNameIndex Index, IReadOnlyDictionary<long, DirectoryCustomer> Customers, IReadOnlyDictionary<long, DirectoryContact> Contacts)
    {
        public static View Of(IReadOnlyList<DirectoryCustomer> customers, IReadOnlyList<DirectoryContact> contacts, IReadOnlyList<DirectoryMember>? members = null) =>
            new(new CustomerNameIndex(customers, contacts, members), customers.ToDictionary(c => c.Id), contacts.ToDictionary(c => c.Id));

        public long? OwnerOf(long customerId) => Customers.TryGetValue(customerId, out var c) ? c.OwnerId : null;
    }

    public async Task<View> GetAsync(CancellationToken ct)
    {
        var state = _state;
        if (state is not null && clock.GetUtcNow() - state.CheckedAt < CheckEvery)
            return state.View;

        await _reload.WaitAsync(ct);
        try
        {
            state = _state;
            if (state is not null && clock.GetUtcNow() - state.CheckedAt < CheckEvery)
                return state.View;
            var version = await source.VersionAsync(ct);
            if (state is null || state.Version != version)
            {
                var snapshot = await source.LoadAsync(ct);
                state = new State(View.Of(snapshot.Customers, snapshot.Contacts, snapshot.Members), snapshot.Version, clock.GetUtcNow());
            }
            else
            {
                state = state with { CheckedAt = clock.GetUtcNow() };
            }
            _state = state;
            return state.View;
        }
        finally
        {
            _reload.Release();
        }
    }

    public void Dispose() => _reload.Dispose();

    /// <summary>After a write on this host: the next lookup checks the version at once.</summary>
    public void Invalidate()
    {
        if (_state is { } state)
            _state = state with { CheckedAt = DateTimeOffset.MinValue };
    }
}
