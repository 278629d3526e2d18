using Bot.Conversations.Common;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Reports;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Targets;

/// <summary>
/// "张伟12月目标50万" / "团队一季度指标300万": a manager sets a target for a member of their team or for the team, an
/// admin for anyone or for the company. Who, which month or quarter and how much must all be said; a missing one is
/// asked for, never assumed. A rep whose target a manager sets is told (and told again if it is taken back).
/// </summary>
public sealed partial class SetTargetHandler(IUserDirectory users, ITargetRepository targets, INoticeOutbox notices) : IIntentHandler
{
    [System.Text.RegularExpressions.GeneratedRegex("(团队|全组|组里|部门|全员|大家|我们组|整个组|全公司|公司|team)", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex TeamWord();

    [System.Text.RegularExpressions.GeneratedRegex("(我的|我自己|给我|我[这下本]个?[月季])")]
    private static partial System.Text.RegularExpressions.Regex SelfWord();

    public async Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var user = context.User;
        if (user.Role == UserRole.Rep)
            return [Reply.Plain("销售目标由主管设定。想看自己的进度，问我「本月目标完成情况」。")];
        var text = context.Parsed.Text;
        var colleague = await NamedColleague.InAsync(text, user, users, ct);
        var named = colleague.Within;
        if (colleague.Outside is { } outside)
            return [Reply.Plain($"{outside.Name}不在你的团队里，目标请由TA的主管来设。")];
        var team = named is null && TeamWord().IsMatch(text);
        var self = named is null && !team && SelfWord().IsMatch(text);
        if (named is null && !team && !self)
        {
            var members = colleague.Reach.Take(3).Select(u => u.Name).ToList();
            return [Reply.Plain($"这是谁的目标？比如「{(members.Count > 0 ? members[0] : "张伟")}12月目标50万」，或「团队12月目标300万」。")];
        }
        var period = TargetPeriods.Of(context.Parsed.Period, text, context.Today);
        if (period is null)
            return [Reply.Plain("是哪个月（或季度）的目标？比如「12月目标50万」「一季度目标150万」。")];
        if (period.End <= context.Today)
            return [Reply.Plain($"{period.Label(context.Today)}已经过去了，目标只能设本期或以后的。")];
        if (context.Parsed.Amount is not { } amount || amount <= 0)
            return [Reply.Plain("目标金额是多少？比如「50万」。")];

        var owner = named ?? user;
        var scope = team ? TargetScope.Team : TargetScope.Personal;
        var target = new SalesTarget(owner.Id, scope, period, amount, user.Id, context.Now);
        var previous = await targets.SetAsync(target, ct);
        var who = team ? (user.Role == UserRole.Admin ? "全公司" : "团队") : owner.Id == user.Id ? "你" : owner.Name;
        var reply = $"已设定：{who} {period.Label(context.Today)}目标 {ChineseFormat.Money(amount)}"
            + (previous is null || previous.Amount == amount ? "" : $"（原来 {ChineseFormat.Money(previous.Amount)}）")
            + "。\n说错了回复「撤销」。";
        var told = scope == TargetScope.Personal && owner.Id != user.Id ? owner.WeComUserId : null;
        var label = period.Label(context.Today);
        if (told is not null)
        {
            await notices.QueueAsync(new ScheduledOutput([new ScheduledNotice(
                $"target:set:{owner.Id}:{period.Start:yyyyMM}:{context.Now.ToUnixTimeMilliseconds()}", told,
                Reply.Plain($"{user.Name}为你设定了{label}目标：{ChineseFormat.Money(amount)}。"
                    + (period.Start <= context.Today ? $"问我「{(period.Kind == TargetPeriodKind.Month ? "本月" : "本季度")}目标完成情况」看进度。" : "")))]), ct);
        }
        await context.RememberWriteAsync(reply, 0,
            [new TargetSet(target, previous, told, told is null ? null : $"{user.Name}撤回了刚才为你设定的{label}目标。")], ct);
        return [Reply.Plain(reply)];
    }
}
