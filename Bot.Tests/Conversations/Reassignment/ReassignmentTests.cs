using Bot.Conversations.Customers;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Reassignment;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding;
using Bot.Conversations.Understanding.Text;
using Bot.Tests.Fixtures;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Bot.Tests.Conversations.Reassignment;

/// <summary>
/// Reassignment in the demo company (manager wangqiang; reps lina, zhangwei, chenjing, liuyang, each with 15 customers),
/// read with the intent already known: who gives and who takes, what a manager may move, the question, 确认 and 撤销.
/// </summary>
public sealed class ReassignmentTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Morning = new(2026, 12, 16, 2, 0, 0, TimeSpan.Zero);
    private LiveBot _bot = null!;
    private long _inbound = 900_000;

    public async Task InitializeAsync()
    {
        _bot = await LiveBot.StartWithDemoCompanyAsync(new FakeTimeProvider(Morning));
        var users = Get<IUserDirectory>();
        await users.UpsertAsync("itadmin", "周管理员", UserRole.Admin, null, None);
        var other = await users.UpsertAsync("zhaomin", "赵敏", UserRole.Manager, null, None);
        var sunli = await users.UpsertAsync("sunli", "孙丽", UserRole.Rep, other.Id, None);
        await Get<ICustomerRepository>().AddAsync(new NewCustomer("北辰物流有限公司", "北辰物流", ["北辰"], null, null, null, sunli.Id, FunnelStage.Qualified), sunli.Id, None);
    }

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    private T Get<T>() where T : notnull => _bot.Services.GetRequiredService<T>();

    private async Task<T?> QueryAsync<T>(string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        return await connection.ExecuteScalarAsync<T>(sql, args);
    }

    private async Task<PlanResult> PlanAsync(string user, string text)
    {
        var sender = (await Get<IUserDirectory>().FindByWeComIdAsync(user, None))!;
        return await Get<ReassignmentPlanner>().FromMessageAsync(sender, TextNormalizer.Normalize(text), None);
    }

    private async Task<string> SayAsync(string user, string text) => string.Join("\n", (await HandleAsync(user, text)).Select(r => r.Text));

    /// <summary>The message as the engine gets it; the intent is given, so no classifier is involved.</summary>
    private async Task<IReadOnlyList<Reply>> HandleAsync(string user, string text)
    {
        var message = new IncomingMessage(++_inbound, user, text, Morning, ChannelKind.App);
        if (text is ReassignmentText.ConfirmWord or "取消" or "撤销")
            return await Get<IConversationEngine>().HandleAsync(message, None);
        var users = Get<IUserDirectory>();
        var sender = (await users.FindByWeComIdAsync(user, None))!;
        var scope = await UserScope.ForAsync(sender, users, None);
        var parsed = MessageParser.Parse(text, scope, Morning, await Get<CustomerDirectory>().GetAsync(None), intent: Intent.ReassignCustomers);
        var dialog = await DialogSession.LoadAsync(Get<IDialogStateStore>(), user, Morning, None);
        return await Get<ReassignCustomersHandler>().HandleAsync(new ConversationContext(message, sender, scope, parsed, dialog, Morning), None);
    }

    private async Task<long> OwnerCountAsync(string user) =>
        await QueryAsync<long>("select count(*) from customers c join users u on u.id = c.owner_id where u.wecom_userid = @User and c.deleted_at is null", new { User = user });

    [Fact]
    public async Task Plan_WholeBookOfARep_EveryCustomerFromThemToTheTaker()
    {
        var plan = Assert.IsType<PlanResult.Ready>(await PlanAsync("wangqiang", "把张伟的客户都转给李娜")).Plan;

        var zhangwei = await Get<IUserDirectory>().FindByWeComIdAsync("zhangwei", None);
        var lina = await Get<IUserDirectory>().FindByWeComIdAsync("lina", None);
        Assert.True(plan.WholeBook);
        Assert.Equal(lina!.Id, plan.ToUserId);
        Assert.Equal(15, plan.Moves.Count);
        Assert.All(plan.Moves, m => Assert.Equal(zhangwei!.Id, m.FromUserId));
    }

    [Fact]
    public async Task Plan_RepWhoLeft_TheirBookGoesToTheOneNamedAfter给()
    {
        await using (var connection = new NpgsqlConnection(_bot.ConnectionString))
            await connection.ExecuteAsync("update users set active = false where wecom_userid = 'liuyang'");

        var plan = Assert.IsType<PlanResult.Ready>(await PlanAsync("wangqiang", "刘洋离职了，他的客户分给张伟")).Plan;

        var liuyang = await Get<IUserDirectory>().FindByWeComIdAsync("liuyang", None);
        Assert.Equal(15, plan.Moves.Count);
        Assert.All(plan.Moves, m => Assert.Equal(liuyang!.Id, m.FromUserId));
    }

    [Fact]
    public async Task Plan_NamedCustomerOfARepWhoLeft_StillTheManagers()
    {
        await using (var connection = new NpgsqlConnection(_bot.ConnectionString))
            await connection.ExecuteAsync("update users set active = false where wecom_userid = 'liuyang'");

        var plan = Assert.IsType<PlanResult.Ready>(await PlanAsync("wangqiang", "启明软件交给张伟")).Plan;

        var liuyang = await Get<IUserDirectory>().FindByWeComIdAsync("liuyang", None);
        Assert.Equal(liuyang!.Id, Assert.Single(plan.Moves).FromUserId);
    }

    [Theory]
    [InlineData("瑞丰和蓝海交给李娜", 2)]
    [InlineData("瑞丰商贸以后归陈静跟", 1)]
    public async Task Plan_NamedCustomers_OnlyThoseFromTheirOwner(string text, int count)
    {
        var plan = Assert.IsType<PlanResult.Ready>(await PlanAsync("wangqiang", text)).Plan;

        var zhangwei = await Get<IUserDirectory>().FindByWeComIdAsync("zhangwei", None);
        Assert.False(plan.WholeBook);
        Assert.Equal(count, plan.Moves.Count);
        Assert.All(plan.Moves, m => Assert.Equal(zhangwei!.Id, m.FromUserId));
    }

    [Theory]
    [InlineData("把张伟的客户转一下", "要转给谁？比如「把张伟的客户都转给")]
    [InlineData("客户都划给李娜", "要把谁的客户转给李娜？比如「把张伟的客户都转给李娜」，或直接说客户名「金禾和星辰交给李娜」。")]
    [InlineData("张伟手上的客户匀一半给刘洋", "要转哪几个客户？请说出客户名，比如「瑞丰和蓝海交给刘洋」；只说人名，就是把TA的客户全部转过去。")]
    [InlineData("刘洋的客户分给张伟和陈静", "一次只能转给一个人，请分开说，比如先说「…转给张伟」，再说「…转给陈静」。")]
    [InlineData("把孙丽的客户都转给李娜", "孙丽不在你的团队里，TA的客户要转的话请找管理员。")]
    [InlineData("北辰物流交给李娜", "「北辰物流」不在你负责的客户范围内，没法转。需要的话请找管理员。")]
    [InlineData("把张伟的启明转给李娜", "「启明」不是张伟的客户，现在由刘洋跟进。")]
    public async Task Plan_MissingOrOutsideTheTeam_AsksOrRefuses(string text, string expected)
    {
        var said = Assert.IsType<PlanResult.Say>(await PlanAsync("wangqiang", text));

        Assert.StartsWith(expected, said.Text);
    }

    [Fact]
    public async Task Plan_Admin_MovesAnyTeamsCustomers()
    {
        var plan = Assert.IsType<PlanResult.Ready>(await PlanAsync("itadmin", "北辰物流交给李娜")).Plan;

        Assert.Single(plan.Moves);
    }

    [Fact]
    public async Task Handle_Rep_RefusedAndNothingAsked()
    {
        var reply = await SayAsync("zhangwei", "把我的客户都转给李娜");
        var confirmed = await SayAsync("zhangwei", ReassignmentText.ConfirmWord);

        Assert.Equal(ReassignCustomersHandler.RepRefusal, reply);
        Assert.DoesNotContain("已把", confirmed);
        Assert.Equal(15L, await OwnerCountAsync("zhangwei"));
    }

    [Fact]
    public async Task Handle_ManagerAsksThenConfirms_MovedOnceAndBothRepsTold_UndoExplains()
    {
        var question = await SayAsync("wangqiang", "瑞丰和蓝海交给李娜");
        Assert.Equal(15L, await OwnerCountAsync("zhangwei"));

        var done = await SayAsync("wangqiang", ReassignmentText.ConfirmWord);
        var undo = await SayAsync("wangqiang", "撤销");

        Assert.StartsWith("确认把瑞丰商贸、蓝海生物（2 个客户，原由张伟跟进）转给李娜吗？企业微信联系人 0 位会一起发起转接，", question);
        Assert.EndsWith("回复「确认」执行。", question);
        Assert.DoesNotContain('\n', question);
        Assert.StartsWith("已把张伟的 2 个客户转给李娜：瑞丰商贸、蓝海生物。", done);
        Assert.Contains("已通知李娜、张伟。", done);
        Assert.Equal(ReassignmentText.CannotUndo, undo);
        Assert.Equal((13L, 17L), (await OwnerCountAsync("zhangwei"), await OwnerCountAsync("lina")));
        var toLina = await _bot.MessagesToAsync("lina", 1);
        var toZhangwei = await _bot.MessagesToAsync("zhangwei", 1);
        Assert.Contains(toLina, m => m.Content?.StartsWith("王强把张伟的 2 个客户转给了你：瑞丰商贸、蓝海生物", StringComparison.Ordinal) == true);
        Assert.Contains(toZhangwei, m => m.Content?.StartsWith("王强把你的 2 个客户转给了李娜：瑞丰商贸、蓝海生物。", StringComparison.Ordinal) == true);
        Assert.Equal(1L, await QueryAsync<long>("select count(*) from audit_log where action = 'reassign'"));
    }

    [Fact]
    public async Task Handle_ManagerCancels_NothingMoves()
    {
        await SayAsync("wangqiang", "把张伟的客户都转给李娜");

        var cancelled = await SayAsync("wangqiang", "取消");
        await SayAsync("wangqiang", ReassignmentText.ConfirmWord);

        Assert.Equal("好的，不转了。", cancelled);
        Assert.Equal(15L, await OwnerCountAsync("zhangwei"));
    }
}
