namespace Bot.Host.Doctor;

public enum DoctorStatus
{
    Ok,

    /// <summary>Something optional is off, or a check could not run because an earlier one failed.</summary>
    Info,

    /// <summary>Works, but worth a look; does not fail the run.</summary>
    Warning,

    Failed,
}

/// <summary>One printed line: a mark, what was checked, and what was found or what to change.</summary>
public sealed record DoctorLine(DoctorStatus Status, string Subject, string Text)
{
    public static DoctorLine Ok(string subject, string text) => new(DoctorStatus.Ok, subject, text);

    public static DoctorLine Info(string subject, string text) => new(DoctorStatus.Info, subject, text);

    public static DoctorLine Warning(string subject, string text) => new(DoctorStatus.Warning, subject, text);

    public static DoctorLine Failed(string subject, string text) => new(DoctorStatus.Failed, subject, text);

    public override string ToString() => $"{Status switch
    {
        DoctorStatus.Ok => "✓",
        DoctorStatus.Info => "·",
        DoctorStatus.Warning => "!",
        _ => "✗",
    }} {Subject}：{Text}";
}
