using Bot.Conversations.Customers;
using Bot.Conversations.Team;
using Bot.Data.Demo;
using Bot.Tests.Fixtures;
using Dapper;
using Npgsql;

namespace Bot.Tests.Data;

public sealed class DemoCompanyTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    [Fact]
    public void Generate_SameDay_SameCompany()
    {
        var a = DemoCompany.Generate(Today);
        var b = DemoCompany.Generate(Today);

        Assert.Equal(a.Customers.Select(c => (c.LegalName, c.Stage, c.Orders.Sum(o => o.Amount))),
            b.Customers.Select(c => (c.LegalName, c.Stage, c.Orders.Sum(o => o.Amount))));
    }

    [Fact]
    public void Generate_GivesEveryStageTierAndUpcomingBirthdays()
    {
        var company = DemoCompany.Generate(Today);

        Assert.Equal(1, company.Users.Count(u => u.Role == UserRole.Manager));
        Assert.Equal(4, company.Users.Count(u => u.Role == UserRole.Rep));
        Assert.Equal(60, company.Customers.Select(c => c.LegalName).Distinct().Count());
        Assert.Equal(Enum.GetValues<FunnelStage>().Length, company.Customers.Select(c => c.Stage).Distinct().Count());
        var yearly = company.Customers.Where(c => c.Stage == FunnelStage.Won)
            .Select(c => c.Orders.Where(o => o.On > Today.AddYears(-1)).Sum(o => o.Amount)).ToList();
        Assert.Contains(yearly, a => a >= 100_000);
        Assert.Contains(yearly, a => a is >= 50_000 and < 100_000);
        Assert.Contains(yearly, a => a < 50_000);
        Assert.Contains(company.Customers, c => c.Orders.Count > 0 && c.Orders.Max(o => o.On) < Today.AddDays(-90));
        var nextWeek = company.Customers.SelectMany(c => c.Contacts).Count(p => !p.Birthday.Lunar &&
            Enumerable.Range(0, 7).Select(Today.AddDays).Any(d => d.Month == p.Birthday.Month && d.Day == p.Birthday.Day));
        Assert.True(nextWeek >= 5, $"only {nextWeek} birthdays in the next week");
        Assert.Contains(company.Customers, c => c.LegalName == "星辰网络科技有限公司" && c.ShortName == "星辰网络");
    }

    [Fact]
    public void Generate_NearDuplicatesAreTheException_AndNoContactIsNamedLikeTheTeam()
    {
        var company = DemoCompany.Generate(Today);
        string[] cities = ["上海", "杭州", "苏州", "南京", "北京", "深圳", "广州", "成都"];
        string Core(string legalName) => (cities.FirstOrDefault(legalName.StartsWith) is { } city ? legalName[city.Length..] : legalName)[..2];

        var families = company.Customers.GroupBy(c => (c.OwnerUserId, Core(c.LegalName))).Where(g => g.Count() > 1)
            .Select(g => g.Key.Item2).Order().ToList();

        Assert.Equal(["华东", "恒信", "星辰", "金桥"], families.Order(StringComparer.Ordinal));
        Assert.Equal(60, company.Customers.Select(c => Core(c.LegalName)).Distinct().Count() + 5);
        var team = company.Users.Select(u => u.Name).ToHashSet();
        Assert.DoesNotContain(company.Customers.SelectMany(c => c.Contacts), p => team.Contains(p.Name));
    }

    [Fact]
    public async Task Seed_EmptyDatabase_WritesTheWholeCompanyOnce()
    {
        var connectionString = await TestDatabases.CreateEmptyAsync();
        try
        {
            using var services = BotServices.Create(connectionString, TestEnvironment.NewRedisPrefix(), BotServices.FixedClock());
            await ((Bot.Data.Postgres.MigrationRunner)services.GetService(typeof(Bot.Data.Postgres.MigrationRunner))!).MigrateAsync(CancellationToken.None);
            var seeder = (DemoCompanySeeder)services.GetService(typeof(DemoCompanySeeder))!;

            var seeded = await Task.WhenAll(seeder.SeedIfEmptyAsync(CancellationToken.None), seeder.SeedIfEmptyAsync(CancellationToken.None));

            Assert.Single(seeded, s => s);
            await using var connection = new NpgsqlConnection(connectionString);
            Assert.Equal(60L, await connection.ExecuteScalarAsync<long>("select count(*) from customers"));
            Assert.Equal(5L, await connection.ExecuteScalarAsync<long>("select count(*) from users"));
            Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("select count(*) from interactions where contact_id is null or rep_id is null"));
            Assert.True(await connection.ExecuteScalarAsync<long>("select count(*) from reminders where status = 'open'") > 10);
        }
        finally
        {
            await TestDatabases.DropAsync(connectionString);
        }
    }
}
