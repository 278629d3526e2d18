using Bot.Conversations.Pipeline;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Dialogs;

public sealed class HelpHandler : IIntentHandler
{
    /// <summary>The first example of every intent the catalogue declares, in its order.</summary>
    public static readonly string HelpText =
        "你好，我是销售助手。跟客户聊完直接告诉我，我来记录和提醒，比如：\n"
        + string.Concat(IntentCatalogue.All.Where(s => s.AdminOnlyRefusal is null && s.Intent != Intent.Help).Select(s => $"· {s.Examples[0]}\n"))
        + "记错了说「撤销」，客户弄错了说「不对，是某某」。";

    public Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Reply>>([Reply.Plain(HelpText)]);
}
