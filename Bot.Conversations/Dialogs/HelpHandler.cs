using Bot.Conversations.Pipeline;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Dialogs;

public sealed class HelpHandler : IIntentHandler
{
    public const string HelpText = """
        你好，我是销售助手。跟客户聊完直接告诉我，我来记录和提醒，比如：
        · 刚给星辰的李总打了电话，他嫌贵，下周三再跟进
        · 拜访了华东精密，签了，合同15万
        · 下周一上午10点提醒我回访海川
        · 海川的跟进做完了 / 海川的提醒推迟到周五
        · 海川医疗最近怎么样 / 是哪一类客户
        · 客户说太贵了怎么回
        · 我今天要跟进谁 / 我的A类客户
        · 本周漏斗
        记错了说「撤销」，客户弄错了说「不对，是某某」。
        """;

    public Intent Intent => Intent.Help;

    public CustomerNeed Needs => CustomerNeed.None;

    public Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Reply>>([Reply.Plain(HelpText)]);
}
