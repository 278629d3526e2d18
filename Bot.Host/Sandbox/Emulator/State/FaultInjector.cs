namespace Bot.Sandbox.Emulator;

/// <summary>Faults switched on and off at run time through the control API.</summary>
public sealed class FaultInjector
{
    private readonly Lock _lock = new();
    private readonly List<ActiveFault> _faults = [];
    private int _nextId;

    public ActiveFault Add(FaultRule rule)
    {
        lock (_lock)
        {
            var fault = new ActiveFault(++_nextId, rule, rule.Http500, rule.Errcode == 0 ? 0 : rule.ErrcodeCount, rule.Drop);
            _faults.Add(fault);
            return fault;
        }
    }

    public IReadOnlyList<ActiveFault> List()
    {
        lock (_lock)
            return [.. _faults];
    }

    public bool Remove(int id)
    {
        lock (_lock)
            return _faults.RemoveAll(f => f.Id == id) > 0;
    }

    public void Clear()
    {
        lock (_lock)
            _faults.Clear();
    }

    /// <summary>Decides the fate of one request to <paramref name="path"/> and consumes the count it used.</summary>
    public FaultDecision Next(string path)
    {
        lock (_lock)
        {
            var matching = _faults.Where(f => Matches(f.Rule.Path, path)).ToList();
            var latency = matching.Count == 0 ? 0 : matching.Max(f => f.Rule.LatencyMs);
            var afterHandling = matching.Any(f => f.Rule.LatencyAfterHandling && f.Rule.LatencyMs > 0);
            var offset = matching.Select(f => f.Rule.DateOffsetSeconds).FirstOrDefault(o => o != 0);
            foreach (var fault in matching)
            {
                var index = _faults.IndexOf(fault);
                if (fault.DropLeft > 0)
                {
                    _faults[index] = fault with { DropLeft = fault.DropLeft - 1 };
                    return new(fault.Rule.DropAfterHandling ? FaultKind.DropAfterHandling : FaultKind.Drop, latency) { DateOffsetSeconds = offset };
                }
                if (fault.Http500Left > 0)
                {
                    _faults[index] = fault with { Http500Left = fault.Http500Left - 1 };
                    return new(FaultKind.Http500, latency) { DateOffsetSeconds = offset };
                }
                if (fault.ErrcodeLeft > 0)
                {
                    _faults[index] = fault with { ErrcodeLeft = fault.ErrcodeLeft - 1 };
                    return new(FaultKind.Errcode, latency, fault.Rule.Errcode, fault.Rule.Errmsg) { DateOffsetSeconds = offset };
                }
            }
            return new(FaultKind.None, latency) { DateOffsetSeconds = offset, LatencyAfterHandling = afterHandling };
        }
    }

    private static bool Matches(string? rulePath, string path) =>
        string.IsNullOrEmpty(rulePath) || rulePath == "*" || rulePath.Trim('/') == path;
}
