using Bot.Conversations.Common;
using Bot.Conversations.Customers;
using Bot.Conversations.Team;

namespace Bot.Data.Demo;

/// <summary>
/// A believable sales team for the sandbox: one manager, four reps, sixty customers across industries,
/// stages and tiers, a year of orders and interactions, birthdays coming up. The same date always
/// gives the same company, so screenshots and manual tests are repeatable.
/// </summary>
public sealed record DemoCompany(
    IReadOnlyList<DemoCompany.User> Users,
    IReadOnlyList<DemoCompany.Company> Customers,
    IReadOnlyList<DemoCompany.Opportunity> Deals,
    IReadOnlyList<DemoCompany.Target> Targets)
{
    public sealed record User(string UserId, string Name, UserRole Role, string? ManagerUserId);

    public sealed record Company(
        string LegalName, string ShortName, string Alias, string Industry, string Size, string Region, string OwnerUserId,
        FunnelStage Stage, DateOnly StageSince, IReadOnlyList<Person> Contacts, IReadOnlyList<Sale> Orders,
        IReadOnlyList<Touch> Interactions, IReadOnlyList<FollowUp> Reminders);

    public sealed record Person(string Name, string Title, string Phone, Birthday Birthday, string DecisionRole);

    public sealed record Sale(DateOnly On, decimal Amount);

    public sealed record Touch(DateTimeOffset At, InteractionChannel Channel, string Summary, IReadOnlyList<string> Objections, string ContactName);

    public sealed record FollowUp(DateTimeOffset DueAt, string Note);

    /// <param name="Customer">Index into <see cref="Customers"/>.</param>
    /// <param name="ClosedOn">The day a won or lost deal closed; null while open.</param>
    public sealed record Opportunity(int Customer, string Title, decimal Amount, DateOnly? ExpectedClose, FunnelStage Stage, DateOnly? ClosedOn);

    /// <param name="Team">A manager's target for the team rather than their own.</param>
    public sealed record Target(string UserId, bool Team, bool Quarter, DateOnly Start, decimal Amount);

    private static readonly (string Prefix, string Industry, string Suffix, string Size)[] Names =
    [
        ("星辰", "互联网", "网络科技有限公司", "100-500人"), ("华东", "制造", "精密机械有限公司", "500-1000人"),
        ("海川", "医疗", "医疗器械有限公司", "100-500人"), ("博远", "教育", "教育科技有限公司", "50-100人"),
        ("恒信", "金融", "投资管理有限公司", "50-100人"), ("瑞丰", "零售", "商贸有限公司", "100-500人"),
        ("远航", "物流", "供应链管理有限公司", "500-1000人"), ("启明", "互联网", "软件有限公司", "50-100人"),
        ("金桥", "制造", "电子有限公司", "1000人以上"), ("蓝海", "医疗", "生物科技有限公司", "100-500人"),
        ("鼎盛", "零售", "连锁超市有限公司", "1000人以上"), ("宏达", "制造", "汽车配件有限公司", "500-1000人"),
        ("天元", "教育", "培训学校", "50-100人"), ("景和", "医疗", "健康管理有限公司", "50-100人"),
        ("新锐", "互联网", "信息技术有限公司", "10-50人"), ("中科", "制造", "智能装备有限公司", "100-500人"),
        ("安泰", "物流", "快运有限公司", "100-500人"), ("汇通", "金融", "融资租赁有限公司", "100-500人"),
        ("卓越", "教育", "职业技能学校", "100-500人"), ("东方", "零售", "百货有限公司", "500-1000人"),
    ];

    /// <summary>
    /// The other forty customers' own names (in the industry order of <see cref="Names"/>), so a short name
    /// usually means one company, as in a real book.
    /// </summary>
    private static readonly string[] MorePrefixes =
    [
        "云帆", "永安", "嘉禾", "明德", "同创", "和美", "德润", "九州", "长风", "百川",
        "万象", "锦程", "联创", "银河", "鑫源", "凯达", "大禹", "立群", "晨光", "弘毅",
        "金石", "宝丰", "青松", "沃土", "千禾", "致远", "华章", "格林", "乐康", "合众",
        "信达", "益民", "盛源", "正阳", "广厦", "润泽", "飞鸿", "泰和", "清源", "朗驰",
    ];

    /// <summary>
    /// Four deliberate near-duplicates — the same short name in another city, owned by the same rep — so the sandbox
    /// can show 「哪一家？」: 星辰 three times, 恒信, 华东 and 金桥 twice.
    /// </summary>
    private static readonly HashSet<int> CityTwins = [20, 24, 40, 41, 48];

    private static readonly string[] Regions = ["上海", "杭州", "苏州", "南京", "北京", "深圳", "广州", "成都"];

    private static readonly string[] Surnames = ["李", "王", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "孙", "徐", "马", "朱", "胡", "郭"];

    private static readonly string[] GivenNames = ["伟", "芳", "敏", "静", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "霞", "平", "刚", "建华", "晓东", "海燕", "志强"];

    private static readonly (string Title, string Role)[] Titles =
    [
        ("总经理", "decision_maker"), ("采购经理", "influencer"), ("技术总监", "influencer"), ("财务总监", "gatekeeper"),
        ("行政主管", "user"), ("IT经理", "user"),
    ];

    private static readonly (string Summary, string[] Objections)[] Touches =
    [
        ("介绍了新版方案，客户整体认可", []),
        ("客户觉得报价偏高，希望再让一点", ["price"]),
        ("在和竞品对比，下周给答复", ["competitor"]),
        ("预算要等下季度才批", ["budget"]),
        ("需要老板拍板，约了下次一起谈", ["authority"]),
        ("客户说今年不急，明年再看", ["timing"]),
        ("演示了系统，技术部门反馈不错", []),
        ("送了样品，客户在试用", []),
        ("客户对售后响应有抱怨，已安排处理", ["complaint"]),
        ("还在犹豫，想再看看案例", ["hesitation"]),
        ("续签沟通顺利，准备走合同", []),
    ];

    public static DemoCompany Generate(DateOnly today)
    {
        var random = new Random(20261125);
        User[] users =
        [
            new("wangqiang", "王强", UserRole.Manager, null),
            new("lina", "李娜", UserRole.Rep, "wangqiang"),
            new("zhangwei", "张伟", UserRole.Rep, "wangqiang"),
            new("chenjing", "陈静", UserRole.Rep, "wangqiang"),
            new("liuyang", "刘洋", UserRole.Rep, "wangqiang"),
        ];
        var reps = users.Where(u => u.Role == UserRole.Rep).Select(u => u.UserId).ToArray();
        var customers = new List<Company>();
        for (var i = 0; i < 60; i++)
        {
            var (prefix, industry, suffix, size) = Names[i % Names.Length];
            var region = Regions[(i * 7 + 3) % Regions.Length];
            var twin = CityTwins.Contains(i);
            if (i >= Names.Length && !twin)
                prefix = MorePrefixes[i - Names.Length];
            var legalName = twin ? $"{region}{prefix}{suffix}" : prefix + suffix;
            var shortName = (twin ? region : "") + prefix + suffix[..2];
            var alias = twin ? region + prefix : prefix;
            var stage = StageFor(i);
            var contacts = MakeContacts(random, i, industry, today, users.Select(u => u.Name).ToHashSet());
            var orders = stage == FunnelStage.Won ? MakeOrders(random, i, today) : [];
            var touches = MakeTouches(random, contacts, today, stage);
            var reminders = MakeReminders(random, i, today, stage);
            customers.Add(new Company(legalName, shortName, alias, industry, size, region, reps[i % reps.Length], stage,
                today.AddDays(-random.Next(5, 200)), contacts, orders, touches, reminders));
        }
        return new DemoCompany(users, customers, MakeDeals(customers, today), MakeTargets(reps, today));
    }

    /// <summary>
    /// An open deal for every customer still in play (one negotiation in four has a second, 二期), some already past
    /// their expected date; a won deal for each won customer, a third of them signed this month so targets show progress.
    /// Its own random sequence, so the rest of the company stays as it was before deals existed.
    /// </summary>
    private static List<Opportunity> MakeDeals(List<Company> customers, DateOnly today)
    {
        var random = new Random(20261201);
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var deals = new List<Opportunity>();
        for (var i = 0; i < customers.Count; i++)
        {
            var stage = customers[i].Stage;
            var amount = 50_000m + random.Next(0, 76) * 10_000;
            switch (stage)
            {
                case FunnelStage.Lead or FunnelStage.Qualified or FunnelStage.Negotiation:
                    deals.Add(new Opportunity(i, "", amount, today.AddDays(random.Next(-5, 75)), stage, null));
                    if (stage == FunnelStage.Negotiation && i % 4 == 0)
                        deals.Add(new Opportunity(i, "二期", amount / 2, today.AddDays(random.Next(20, 100)), FunnelStage.Qualified, null));
                    break;
                case FunnelStage.Won:
                    var closed = i % 3 == 0 && today.Day > 1 ? monthStart.AddDays(random.Next(0, today.Day - 1)) : customers[i].StageSince;
                    deals.Add(new Opportunity(i, "", amount, closed, FunnelStage.Won, closed));
                    break;
                case FunnelStage.Lost:
                    deals.Add(new Opportunity(i, "", amount, customers[i].StageSince, FunnelStage.Lost, customers[i].StageSince));
                    break;
            }
        }
        return deals;
    }

    private static List<Target> MakeTargets(string[] reps, DateOnly today)
    {
        var month = new DateOnly(today.Year, today.Month, 1);
        var quarter = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1);
        var monthly = new[] { 600_000m, 500_000m, 400_000m, 300_000m };
        var targets = reps.Select((rep, k) => new Target(rep, false, false, month, monthly[k % monthly.Length])).ToList();
        targets.AddRange(reps.Select((rep, k) => new Target(rep, false, true, quarter, monthly[k % monthly.Length] * 3)));
        targets.Add(new Target("wangqiang", true, false, month, 2_000_000m));
        return targets;
    }

    private static FunnelStage StageFor(int i) => (i % 20) switch
    {
        < 8 => FunnelStage.Won,
        < 11 => FunnelStage.Negotiation,
        < 15 => FunnelStage.Qualified,
        < 19 => FunnelStage.Lead,
        _ => FunnelStage.Lost,
    };

    /// <param name="team">Names no contact may have: a contact called like a rep would turn 「张伟」 into a question.</param>
    private static List<Person> MakeContacts(Random random, int i, string industry, DateOnly today, HashSet<string> team)
    {
        var people = new List<Person>();
        var count = 1 + (i % 3);
        for (var k = 0; k < count; k++)
        {
            var surname = Surnames[(i * 3 + k * 5) % Surnames.Length];
            var given = (i * 7 + k * 3) % GivenNames.Length;
            while (team.Contains(surname + GivenNames[given]))
                given = (given + 1) % GivenNames.Length;
            var name = surname + GivenNames[given];
            var (title, role) = industry == "教育" && k == 0 ? ("校长", "decision_maker") : Titles[(i + k) % Titles.Length];
            // Every fifth customer's first contact has a birthday within the coming week, so care jobs have work.
            var birthday = k == 0 && i % 5 == 0 ? today.AddDays(i / 5 % 7) : new DateOnly(2001, 1, 1).AddDays(random.Next(0, 365));
            var year = 1965 + random.Next(0, 30);
            people.Add(new Person(name, title, $"13{random.Next(0, 10)}{random.Next(10_000_000, 99_999_999)}",
                new Birthday(birthday.Month, birthday.Day, random.Next(3) == 0 ? null : year, Lunar: i % 17 == 16), role));
        }
        return people;
    }

    /// <summary>Yearly totals spread so that the won customers fall into A, B and C, some of them going quiet.</summary>
    private static List<Sale> MakeOrders(Random random, int i, DateOnly today)
    {
        var yearly = (i % 4) switch
        {
            0 => 120_000m + random.Next(0, 200) * 1000,
            1 => 50_000m + random.Next(0, 45) * 1000,
            _ => 8_000m + random.Next(0, 35) * 1000,
        };
        var count = 2 + random.Next(0, 8);
        // Some customers stopped ordering months ago: the churn scan should find them.
        var quietDays = (i % 7) switch { 3 => 100, 5 => 200, _ => 0 };
        var orders = new List<Sale>();
        for (var k = 0; k < count; k++)
        {
            var daysAgo = quietDays + random.Next(0, 360 - quietDays);
            orders.Add(new Sale(today.AddDays(-daysAgo), decimal.Round(yearly / count, 0)));
        }
        return [.. orders.OrderBy(o => o.On)];
    }

    private static List<Touch> MakeTouches(Random random, List<Person> contacts, DateOnly today, FunnelStage stage)
    {
        var touches = new List<Touch>();
        var count = stage == FunnelStage.Lost ? 2 : 1 + random.Next(0, 6);
        var channels = Enum.GetValues<InteractionChannel>().Where(c => c != InteractionChannel.Other).ToArray();
        for (var k = 0; k < count; k++)
        {
            var (summary, objections) = Touches[random.Next(Touches.Length)];
            var day = today.AddDays(-random.Next(1, 120));
            touches.Add(new Touch(ChinaTime.At(day, new TimeOnly(9 + random.Next(0, 9), random.Next(0, 4) * 15)),
                channels[random.Next(channels.Length)], summary, objections, contacts[random.Next(contacts.Count)].Name));
        }
        return [.. touches.OrderBy(t => t.At)];
    }

    private static List<FollowUp> MakeReminders(Random random, int i, DateOnly today, FunnelStage stage)
    {
        if (stage is FunnelStage.Lost || i % 3 == 2)
            return [];
        // Spread from three days overdue to a week ahead.
        var day = today.AddDays(random.Next(-3, 8));
        return [new FollowUp(ChinaTime.At(day, new TimeOnly(10 + random.Next(0, 7), 0)), stage == FunnelStage.Won ? "回访使用情况" : "跟进报价反馈")];
    }
}
