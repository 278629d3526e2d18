using Bot.Conversations.Understanding;

namespace Bot.Conversations.Care;

/// <summary>
/// What a greeting's text must be before it reaches a customer, whoever wrote it (the model drafting one, or a rep
/// rewriting one in chat): no longer than a greeting, and free of ID and bank card numbers.
/// </summary>
public static class CareText
{
    public const int MaxLength = 120;

    /// <returns>What is wrong with <paramref name="text"/>, as the rep is told; null when it may go.</returns>
    public static string? Problem(string text) =>
        text.Length > MaxLength ? $"祝福最多 {MaxLength} 个字，这条有 {text.Length} 个字，精简一下再发我。"
        : PersonalData.Redact(text).Redacted ? "祝福里不能带身份证号或银行卡号。"
        : null;
}
