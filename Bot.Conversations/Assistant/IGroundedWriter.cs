namespace Bot.Conversations.Assistant;

/// <summary>
/// A short text to write from the given material only: a summary of a rep's message, an objection reply, a care
/// message. <see cref="Material"/> is everything the text may draw on; <see cref="MaxLength"/> is in characters.
/// </summary>
public sealed record GroundedTask(string Purpose, string Instruction, IReadOnlyList<string> Material, int MaxLength, bool OneSentence = false);

public interface IGroundedWriter
{
    /// <summary>The text, or null when there is no model or its text failed the checks: the caller uses its template.</summary>
    Task<string?> WriteAsync(GroundedTask task, CancellationToken ct);
}

/// <summary>No model configured: every caller uses its template.</summary>
public sealed class TemplatesOnly : IGroundedWriter
{
    public Task<string?> WriteAsync(GroundedTask task, CancellationToken ct) => Task.FromResult<string?>(null);
}
