using System.Globalization;
using System.Transactions;
using Bot.Conversations.Common;
using Bot.Conversations.Reassignment;
using Bot.Conversations.Team;
using Bot.Host.WeCom.Client;

namespace Bot.Host.Cli;

/// <summary>
/// `reassign --from U --to U [--customers "A,B"]`: what 「把张伟的客户都转给李娜」 does in chat, by the operator for any
/// member — the customers move, both reps are told, and WeCom's transfers of the WeChat accounts are requested at once
/// and printed. `reassign status`: where those transfers stand.
/// </summary>
internal sealed class ReassignCommand(
    IUserDirectory users, ReassignmentPlanner planner, CustomerReassignment reassignment, ContactTransferRun transfers, IContactTransferStore store, TimeProvider clock)
{
    public async Task<int> ReassignAsync(string from, string to, string? customers, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var giver = await users.FindByWeComIdAsync(from, ct);
        var taker = await users.FindByWeComIdAsync(to, ct);
        if (giver is null || taker is null)
        {
            await stderr.WriteLineAsync($"找不到成员「{(giver is null ? from : to)}」（用企业微信 userid）。");
            return 2;
        }
        if (giver.Id == taker.Id)
        {
            await stderr.WriteLineAsync("原负责人和接手人是同一个人。");
            return 2;
        }
        var names = customers?.Split([',', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        var plan = await planner.ForMembersAsync(giver, taker, names, ct);
        if (plan is PlanResult.Say say)
        {
            await stderr.WriteLineAsync(say.Text);
            return 1;
        }
        var ready = (PlanResult.Ready)plan;
        var now = clock.GetUtcNow();
        ReassignmentDone? done;
        // The move and the reps' notices commit together, as a chat message's do.
        using (var scope = new TransactionScope(TransactionScopeOption.Required, new TransactionOptions { IsolationLevel = IsolationLevel.ReadCommitted },
                   TransactionScopeAsyncFlowOption.Enabled))
        {
            done = await reassignment.ExecuteAsync(ready.Plan, null, "cli", now, ct);
            scope.Complete();
        }
        if (done is null)
        {
            await stderr.WriteLineAsync("这些客户已经换了负责人，没有转。");
            return 1;
        }
        await stdout.WriteLineAsync(done.Summary);
        var attempts = await transfers.RequestAsync(done.Outcome.Id, now, ct);
        if (attempts.Count == 0)
        {
            await stdout.WriteLineAsync("没有要转接的企业微信客户。");
            return 0;
        }
        foreach (var pair in attempts.GroupBy(a => a.Transfer.Pair))
        {
            var endpoint = pair.Key.Resigned ? "离职继承 externalcontact/resigned/transfer_customer" : "在职继承 externalcontact/transfer_customer";
            await stdout.WriteLineAsync($"企业微信客户转接 {pair.Key.HandoverUserId} → {pair.Key.TakeoverUserId}（{endpoint}）：");
            foreach (var attempt in pair)
            {
                var said = attempt.ErrCode is { } code ? WeComTransferCodes.Describe(code) : "企业微信没有回应，定时任务核对后会再发";
                await stdout.WriteLineAsync($"  {attempt.Transfer.ExternalUserId}：{said}");
            }
        }
        await stdout.WriteLineAsync("进度用 scripts/bot reassign status 查看。");
        return 0;
    }

    public async Task<int> StatusAsync(TextWriter stdout, CancellationToken ct)
    {
        var records = await store.ListAsync(clock.GetUtcNow().AddDays(-30), ct);
        if (records.Count == 0)
        {
            await stdout.WriteLineAsync("最近 30 天没有企业微信客户转接。");
            return 0;
        }
        foreach (var group in records.GroupBy(r => r.ReassignmentId))
        {
            var first = group.First();
            var counts = group.CountBy(r => StateName(r.State)).Select(c => $"{c.Key} {c.Value}");
            await stdout.WriteLineAsync($"#{group.Key} {Beijing(first.ReassignedAt)} {first.HandoverName}→{first.TakeoverName}：{string.Join("，", counts)}");
            foreach (var r in group)
                await stdout.WriteLineAsync($"  {r.CustomerName} {r.ContactName}（{r.ExternalUserId}）：{Describe(r)}");
        }
        return 0;
    }

    private static string Describe(TransferRecord r) => r.State switch
    {
        "pending" => "排队待发起",
        "requesting" => $"已于 {Beijing(r.RequestedAt)} 请求，等企业微信回应",
        "waiting" => $"等待接替，预计 {Beijing(r.TakeoverTime)}（{Endpoint(r)}，上次核对 {Beijing(r.CheckedAt)}）",
        "taken_over" => $"已转到{r.TakeoverName}名下（{Beijing(r.TakeoverTime)}）",
        "refused" => $"客户拒绝了转接，微信仍在{r.HandoverName}名下",
        "limit" => $"{r.TakeoverName}的客户数已到上限，微信仍在{r.HandoverName}名下",
        _ => r.ErrCode is { } code and not 0 ? $"失败：{WeComTransferCodes.Describe(code)}" : "失败：企业微信没有这次转接的记录",
    };

    private static string StateName(string state) => state switch
    {
        "pending" or "requesting" => "待发起",
        "waiting" => "等待接替",
        "taken_over" => "已接替",
        "refused" => "客户拒绝",
        "limit" => "接替人已满",
        _ => "失败",
    };

    private static string Endpoint(TransferRecord r) => r.Resigned == true ? "离职继承" : "在职继承";

    private static string Beijing(DateTimeOffset? at) =>
        at is { } t ? ChinaTime.ToChina(t).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";
}
