using Bot.Conversations.Common;

namespace Bot.Conversations.Deals;

/// <summary>How deals read in chat: 二期 15万 · 预计12月31日（周四）签.</summary>
public static class DealText
{
    public static string Terms(Deal deal, DateOnly today) =>
        string.Join(" · ", new[]
        {
            deal.Amount is { } amount ? ChineseFormat.Money(amount) : "金额未定",
            deal.ExpectedClose is { } close ? $"预计{ChineseFormat.Day(close, today)}签" : null,
        }.Where(s => s is not null));

    /// <summary>"二期（15万）、续约（8万）": the open deals a question lists so the rep can name one.</summary>
    public static string Choices(IReadOnlyList<Deal> open) =>
        string.Join("、", open.Select(d => $"{(d.Title.Length == 0 ? "未命名" : d.Title)}（{(d.Amount is { } a ? ChineseFormat.Money(a) : "金额未定")}）"));
}
