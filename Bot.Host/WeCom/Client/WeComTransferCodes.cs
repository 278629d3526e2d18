namespace Bot.Host.WeCom.Client;

/// <summary>What WeCom's codes for a customer transfer mean, in the words `scripts/bot reassign` prints (see <see cref="WeComContactTransfers"/>).</summary>
public static class WeComTransferCodes
{
    public static string Describe(int errcode) => errcode switch
    {
        0 => "已发起，24 小时后自动接替（客户可拒绝）",
        40003 or 60111 => "成员在企业微信里找不到",
        40096 => "不是有效的客户（外部联系人 ID 无效）",
        40097 => "原负责人还没离职，不能走离职继承",
        40098 => "接替的成员还没实名认证",
        40128 => "这位客户转接太频繁（90 天内最多转接两次）",
        40129 => "这位客户已经在转接中",
        40130 => "原负责人和接替人是同一个人",
        40131 => "不是原负责人的企业微信客户",
        41035 => "请求里没有客户",
        84061 => "原负责人和客户已不是好友",
        _ => $"企业微信拒绝（错误码 {errcode}）",
    };
}
