using Bot.Conversations.Customers;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding;
using Bot.Conversations.Understanding.Text;

namespace Bot.Tests.Conversations;

public sealed class CustomerResolutionTests
{
    private static readonly DirectoryCustomer[] Customers =
    [
        new(1, "星辰网络科技有限公司", "星辰网络", ["星辰"], OwnerId: 10),
        new(2, "星辰物流有限公司", null, [], OwnerId: 10),
        new(3, "华东精密机械有限公司", "华东精密", [], OwnerId: 10),
        new(4, "海川医疗器械有限公司", "海川医疗", [], OwnerId: 20),
        new(5, "博远教育科技有限公司", null, [], OwnerId: 10),
        new(6, "上海瑞丰商贸有限公司", null, [], OwnerId: 10),
    ];

    private static readonly DirectoryContact[] Contacts =
    [
        new(100, 1, "李明", "总经理"),
        new(101, 2, "王芳", "采购经理"),
        new(102, 3, "陈刚", "技术工程师"),
        new(103, 5, "孙丽", "校长"),
        new(104, 3, "Tony", "采购"),
        new(105, 4, "李强", "总经理"),
    ];

    private static readonly CustomerNameIndex Index = new(Customers, Contacts);

    private static readonly UserScope Rep = new(new SalesUser(10, "lina", "李娜", UserRole.Rep, 30, true), new HashSet<long> { 10 });

    private static CustomerResolution Resolve(string text) =>
        CustomerResolution.Resolve(Index.Find(TextNormalizer.Normalize(text)), id => Customers.First(c => c.Id == id).OwnerId, Rep);

    [Theory]
    [InlineData("刚给星辰网络科技有限公司打了电话", 1L, null)]
    [InlineData("华东精密那边说下周再谈", 3L, null)]
    [InlineData("去了趟华东，陈工嫌贵", 3L, 102L)]
    [InlineData("孙校长说预算要明年", 5L, 103L)]
    [InlineData("博远教育的单子", 5L, null)]
    [InlineData("瑞丰商贸那边", 6L, null)]
    [InlineData("tony said price too high", 3L, 104L)]
    [InlineData("星辰的李总嫌贵", 1L, 100L)]
    [InlineData("星辰物流王经理回电了", 2L, 101L)]
    public void Resolve_HowRepsNameCustomers_FindsTheOne(string text, long customerId, long? contactId)
    {
        var resolved = Assert.IsType<CustomerResolution.Resolved>(Resolve(text));
        Assert.Equal((customerId, contactId), (resolved.CustomerId, resolved.ContactId));
    }

    [Fact]
    public void Resolve_SharedShortName_IsAmbiguous()
    {
        var ambiguous = Assert.IsType<CustomerResolution.Ambiguous>(Resolve("星辰那边今天怎么样"));
        Assert.Equal([1L, 2L], ambiguous.CustomerIds.Order());
    }

    [Fact]
    public void Resolve_ColleaguesCustomer_IsOutOfScopeNotResolved()
    {
        Assert.Equal(new CustomerResolution.OutOfScope("海川医疗"), Resolve("海川医疗最近怎么样"));
        Assert.IsType<CustomerResolution.OutOfScope>(Resolve("李强总经理那边呢"));
    }

    [Fact]
    public void Resolve_NoName_NotMentioned() => Assert.IsType<CustomerResolution.NotMentioned>(Resolve("今天要跟进谁"));

    [Fact]
    public void Resolve_ManagerSeesTheTeam()
    {
        var manager = new UserScope(new SalesUser(30, "boss", "王强", UserRole.Manager, null, true), new HashSet<long> { 30, 10, 20 });

        var resolved = CustomerResolution.Resolve(Index.Find("海川医疗"), id => Customers.First(c => c.Id == id).OwnerId, manager);

        Assert.Equal(4L, Assert.IsType<CustomerResolution.Resolved>(resolved).CustomerId);
    }
}
