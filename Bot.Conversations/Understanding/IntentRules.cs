using Bot.Conversations.Customers;

namespace Bot.Conversations.Understanding;

/// <summary>
/// Which intent a message carries, decided by cue words in a fixed order of precedence: the order is the rule
/// ("帮我看看海川怎么办" is objection help, not a profile query, because help with an objection is asked first).
/// </summary>
public static partial class IntentRules
{
    [System.Text.RegularExpressions.GeneratedRegex("(别|不要|不用|不必)(再)?给.{0,15}(发|送).{0,6}(祝福|问候|消息|短信)")]
    private static partial System.Text.RegularExpressions.Regex NoMoreGreetings();

    // "删除客户星辰的个人信息", "清除金禾的客户资料": an erasure request, asked before anything that reads the name.
    [System.Text.RegularExpressions.GeneratedRegex("(删除|删掉|清除|抹去|抹掉|彻底删).{0,20}(个人信息|个人资料|个人数据|隐私|客户资料|客户信息|客户数据|所有信息|所有资料|全部信息|全部资料)")]
    private static partial System.Text.RegularExpressions.Regex EraseRequest();

    // A follow-up the rep already has, named right before what happened to it: "跟进做完了", "提醒都完成了",
    // "跟进往后推两天", "推迟一下星辰的回访". "没完成的跟进" and "项目延期了，下月再跟进" do not fit.
    [System.Text.RegularExpressions.GeneratedRegex("(跟进|回访|提醒|待办|任务|那件事|这件事)(都|也|已经|已|我|总算|终于){0,2}(做完|搞定|完成|弄完|办完|跟完|处理完|处理好|做好|done|ok了)")]
    private static partial System.Text.RegularExpressions.Regex FollowUpDone();

    [System.Text.RegularExpressions.GeneratedRegex("(跟进|回访|提醒|待办|任务)(都|也|先|就|帮我|给我){0,2}(往后|再)?(推迟|延后|推后|挪|推(?!进|荐|广|销|动)|改到|改成|顺延|延到|延期)|(推迟|延后|推后|顺延|往后推|往后挪)(一下)?.{0,8}?(跟进|回访|提醒)")]
    private static partial System.Text.RegularExpressions.Regex FollowUpLater();

    private static readonly string[] HelpCues =
    [
        "帮助", "help", "怎么用", "能做什么", "会做什么", "使用说明", "有什么功能", "有哪些功能", "菜单", "教程", "你是谁", "怎么记录", "怎么设置",
        "能干什么", "能干啥", "指令", "怎么操作", "使用方法", "用法", "命令",
    ];
    private static readonly string[] OptOutCues = ["不想收", "退订", "别再发", "不要再发", "不要发", "不用发", "别发", "取消祝福", "不要祝福", "拒收", "免打扰", "不想要祝福", "不接收", "不要再给", "别再给", "unsubscribe"];
    private static readonly string[] FunnelCues = ["漏斗", "funnel", "转化率", "业绩", "战报", "销售报表", "周报", "月报", "季报", "pipeline", "报表", "团队数据", "各阶段", "数量统计", "阶段分布"];
    private static readonly string[] ChurnCues = ["流失风险", "快流失", "要流失", "流失预警", "流失名单", "流失客户", "churn", "沉睡", "好久没下单", "很久没下单", "没复购", "预警客户", "会流失", "流失的客户", "可能流失", "风险客户"];
    private static readonly string[] ObjectionHelpCues =
    [
        "怎么回", "怎么说", "怎么办", "如何应对", "如何回应", "咋回", "咋办", "咋说", "话术", "怎么处理", "怎么应对", "怎么接", "如何处理", "how to",
        "怎么回复", "怎么破", "如何说服", "怎么说服", "怎么搞定", "怎么打消", "怎么安抚", "怎么劝", "handle", "咋整", "怎么回应", "怎么化解",
        "怎么推进", "如何推进", "怎么应付", "怎么解释",
    ];

    // Asked about an objection in general ("对方说要老板拍板，我该怎么跟进"), not about a customer.
    private static readonly string[] GeneralAdviceCues = ["该怎么跟进", "怎么跟进", "如何跟进", "怎么跟"];
    private static readonly string[] AddCustomerCues =
    [
        "新客户", "新建客户", "添加客户", "加个客户", "录入客户", "建档", "新增客户", "加一个客户", "建个客户", "add customer", "新建一个客户",
        "添加一个客户", "创建客户", "新增一家", "新建一家", "加一家客户", "录入一家", "创建一个客户", "new customer",
    ];
    private static readonly string[] TaskCues =
    [
        "跟进谁", "要跟进", "待办", "任务", "联系谁", "拜访谁", "什么安排", "的安排", "todo", "to do", "提醒列表", "我的提醒", "要做什么", "该跟进",
        "该联系", "该做什么", "有啥事", "日程", "待跟进", "没完成的跟进", "要跟的", "跟进事项", "my task", "要联系的", "要拜访的",
    ];
    private static readonly string[] ReminderCues = ["提醒我", "提醒一下", "记得", "别忘了", "设个提醒", "设置提醒", "remind", "叫我", "加个提醒", "帮我记一下"];
    private static readonly string[] TierCues = ["哪一类", "哪类", "几类", "级别", "分级", "等级", "几级", "rfm", "价值分层", "什么档", "tier", "哪一级", "什么类型客户", "客户类别", "是a类", "是b类", "是c类", "a类吗", "b类吗", "c类吗", "算a", "算b", "算c", "分类"];

    // About the customer's record, asked as a question: never a logged interaction even if it says 电话 or 跟进.
    private static readonly string[] RecordQuestionCues =
    [
        "电话多少", "电话是多少", "手机号", "联系方式", "上次跟进", "跟进记录", "联系人有哪些", "联系人是谁", "是哪个客户", "哪家的", "哪家客户",
        "什么时候跟进的", "啥时候", "什么时候", "的情况", "怎么样了", "进展如何", "现在什么阶段", "什么阶段",
    ];
    private static readonly string[] ListCues = ["列出", "列一下", "有哪些", "哪些客户", "所有客户", "全部客户", "客户列表", "客户名单", "我的客户", "名单", "list", "都有谁", "有几个", "多少个客户", "逾期", "哪几个"];
    private static readonly string[] InteractionCues =
    [
        "打了", "电话", "拜访", "见了", "聊了", "沟通", "开会", "微信", "邮件", "约了", "演示", "回访", "谈了", "报价", "去了", "刚",
        "来电", "反馈", "说", "嫌", "觉得", "表示", "同意", "答应", "拒绝", "要求", "希望", "问了", "发了", "见面", "面谈", "交流",
        "对接", "试用", "送了", "客户", "call", "visit", "met", "跟进了", "联系了", "再跟进", "跟进",
    ];
    private static readonly string[] QueryCues = ["查", "看看", "查询", "情况", "怎么样", "资料", "档案", "信息", "profile", "介绍", "详情", "最近", "进展", "如何", "什么情况", "状态"];

    public static Intent Decide(string text, CustomerResolution customer, FunnelStage? stage, InteractionChannel? channel,
        IReadOnlyList<Objection> objections, bool hasDate)
    {
        var t = text.ToLowerInvariant();
        var mentionsCustomer = customer is not CustomerResolution.NotMentioned;
        if (t.Length == 0 || !t.Any(char.IsLetterOrDigit))
            return Intent.Unknown;
        if (t is "?" or "hi" or "hello" or "你好" or "您好" || Has(t, HelpCues))
            return Intent.Help;
        if (EraseRequest().IsMatch(t))
            return Intent.ForgetCustomer;
        if (Has(t, OptOutCues) || NoMoreGreetings().IsMatch(t))
            return Intent.OptOut;
        // A call or an objection in the same breath is a new interaction to log, whatever it says about follow-ups.
        if (channel is null && objections.Count == 0 && FollowUpLater().IsMatch(t))
            return Intent.PostponeReminder;
        if (channel is null && objections.Count == 0 && FollowUpDone().IsMatch(t))
            return Intent.CompleteReminder;
        if (Has(t, FunnelCues))
            return Intent.FunnelReport;
        if (Has(t, ChurnCues) && !(mentionsCustomer && stage == FunnelStage.Lost))
            return Intent.ChurnList;
        if (Has(t, ObjectionHelpCues) || (!mentionsCustomer && objections.Count > 0 && Has(t, GeneralAdviceCues)))
            return Intent.ObjectionHelp;
        if (Has(t, AddCustomerCues))
            return Intent.AddCustomer;
        if (Has(t, ReminderCues) || t.StartsWith("提醒", StringComparison.Ordinal))
            return Intent.SetReminder;
        if (mentionsCustomer && Has(t, RecordQuestionCues) && stage is null)
            return Has(t, TierCues) ? Intent.QueryTier : Intent.QueryCustomer;
        if (Has(t, TierCues) && !Has(t, ListCues))
            return mentionsCustomer ? Intent.QueryTier : Intent.ListCustomers;
        if (Has(t, TaskCues) && !mentionsCustomer)
            return Intent.MyTasks;
        if (!mentionsCustomer && (Has(t, ListCues) || SalesVocabulary.Tier(text) is not null
            || (t.Contains("客户", StringComparison.Ordinal) && (Has(t, ["行业", "阶段", "所有", "我的", "全部", "超过"]) || SalesVocabulary.StageFilter(t) is not null))))
            return Intent.ListCustomers;
        if (stage is not null && mentionsCustomer)
            return channel is not null || objections.Count > 0 || Has(t, ["打了", "拜访", "聊了", "见了", "开会", "沟通", "谈了"]) ? Intent.LogInteraction : Intent.UpdateStage;
        if (mentionsCustomer && Has(t, ListCues) && !Has(t, InteractionCues))
            return Intent.ListCustomers;
        if (mentionsCustomer && (channel is not null || objections.Count > 0))
            return Intent.LogInteraction;
        if (mentionsCustomer && Has(t, QueryCues) && !Has(t, ["打了", "拜访", "聊了", "见了", "开会", "刚"]))
            return Intent.QueryCustomer;
        if (mentionsCustomer && (Has(t, InteractionCues) || hasDate))
            return Intent.LogInteraction;
        if (mentionsCustomer)
            return Intent.QueryCustomer;
        if (Has(t, TaskCues))
            return Intent.MyTasks;
        return Intent.Unknown;
    }

    private static bool Has(string text, string[] cues)
    {
        foreach (var cue in cues)
        {
            if (text.Contains(cue, StringComparison.Ordinal))
                return true;
        }
        return false;
    }
}
