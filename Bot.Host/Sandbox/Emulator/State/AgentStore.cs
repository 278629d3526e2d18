namespace Bot.Sandbox.Emulator;

/// <summary>
/// The app's 可见范围 as agent/get reports it. It starts as the whole company (department 1), so the bot can reach
/// everyone; a test empties it to play an admin who forgot to set it.
/// </summary>
public sealed class AgentStore
{
    private static readonly VisibleRange WholeCompany = new([], [1]);
    private readonly Lock _lock = new();
    private VisibleRange _range = WholeCompany;

    public VisibleRange Range
    {
        get
        {
            lock (_lock)
                return _range;
        }
        set
        {
            lock (_lock)
                _range = value;
        }
    }

    public void Reset() => Range = WholeCompany;
}

public sealed record VisibleRange(IReadOnlyList<string> UserIds, IReadOnlyList<int> PartyIds);
