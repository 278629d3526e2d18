namespace Bot.Conversations.Pipeline;

/// <summary>
/// Answers everything with the help text. It stands in until the conversation engine is plugged in
/// (one registration in AddConversations), so the channel can be built and tested end to end first.
/// </summary>
public sealed class HelpOnlyEngine : IConversationEngine
{
    public const string HelpText = """
        你好，我是销售助手。可以这样跟我说：
        · 刚给星辰的李总打了电话，他嫌贵，下周三再跟进
        · 海川医疗是哪一类客户
        · 客户说太贵了怎么回
        · 本周漏斗
        · 我今天要跟进谁
        """;

    public Task<IReadOnlyList<Reply>> HandleAsync(IncomingMessage message, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Reply>>([Reply.Plain(HelpText)]);
}
