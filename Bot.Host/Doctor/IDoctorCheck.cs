namespace Bot.Host.Doctor;

/// <summary>One thing <c>scripts/bot doctor</c> checks; most print one line, a few print one per setting they cover.</summary>
public interface IDoctorCheck
{
    /// <summary>Names the line printed if the check itself throws.</summary>
    string Subject { get; }

    Task<IReadOnlyList<DoctorLine>> RunAsync(CancellationToken ct);
}
