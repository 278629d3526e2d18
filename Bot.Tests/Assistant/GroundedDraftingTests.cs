using Bot.Conversations.Care;
using Bot.Conversations.Customers;
using Bot.Conversations.Team;
using Bot.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Assistant;

/// <summary>Objection replies and care messages written by the model from the playbook and the customer's record only.</summary>
public sealed class GroundedDraftingTests(AssistantBot fixture) : IClassFixture<AssistantBot>
{
    private readonly FakeOpenAiServer _model = fixture.Model;

    [Fact]
    public async Task ObjectionHelp_GroundedDraft_ComesFirstWithTheScriptsBelow()
    {
        _model.Script(new FakeReply.Text("李总，您觉得贵，可能是还没看到服务里包含的东西：免费升级和优先售后，长期算下来反而省成本。"));
        var seen = _model.Requests.Count;

        var reply = await fixture.SayAsync("lina", "星辰的李总嫌贵怎么回");

        Assert.StartsWith("**建议这样说**（对星辰网络的李伟）：\n李总，您觉得贵", reply);
        Assert.Contains("**嫌贵**（对星辰网络的李伟）", reply);
        // The playbook passages and the customer's record were the material.
        var prompt = _model.Requests[seen]["messages"]!.AsArray()[1]!["content"]!.ToString();
        Assert.Contains("免费升级和优先售后", prompt);
        Assert.Contains("行业：互联网", prompt);
    }

    [Fact]
    public async Task ObjectionHelp_DraftWithAnInventedDiscount_TemplateUsed()
    {
        _model.Script(new FakeReply.Text("李总，这周签约可以打8折，再送您3个月的免费服务。"));

        var reply = await fixture.SayAsync("lina", "星辰的李总嫌贵怎么回");

        Assert.StartsWith("**嫌贵**（对星辰网络的李伟）", reply);
        Assert.DoesNotContain("8折", reply);
    }

    [Fact]
    public async Task CareMessage_GroundedDraftUsed_InventedGiftFallsBackToTheTemplate()
    {
        var (customer, contact, rep) = await XingchenAsync();
        var drafter = fixture.Bot.Services.GetRequiredService<ICareMessageDrafter>();

        _model.Script(new FakeReply.Text("李总，生日快乐！愿您和星辰网络的伙伴们一切顺利，身体健康、万事顺意。——李娜"));
        var drafted = await drafter.DraftAsync(CareOccasion.Birthday, customer, contact, rep, CancellationToken.None);
        _model.Script(new FakeReply.Text("李总，生日快乐！给您准备了一张500元的购物卡，祝您万事顺意。——李娜"));
        var fallback = await drafter.DraftAsync(CareOccasion.Birthday, customer, contact, rep, CancellationToken.None);

        Assert.Equal(new CareMessage("李总，生日快乐！愿您和星辰网络的伙伴们一切顺利，身体健康、万事顺意。——李娜", true), drafted);
        Assert.Equal(new CareMessage("李总，生日快乐！感谢您一直以来的信任和支持，祝您身体健康、万事顺意。——李娜", false), fallback);
    }

    private async Task<(Customer, Contact, SalesUser)> XingchenAsync()
    {
        var id = await fixture.ScalarAsync<long>("select id from customers where legal_name = '星辰网络科技有限公司'");
        var customers = fixture.Bot.Services.GetRequiredService<ICustomerRepository>();
        var customer = (await customers.GetAsync(id, CancellationToken.None))!;
        var contact = (await customers.ListContactsAsync(id, CancellationToken.None)).Single(c => c.Name == "李伟");
        var rep = (await fixture.Bot.Services.GetRequiredService<IUserDirectory>().FindByWeComIdAsync("lina", CancellationToken.None))!;
        return (customer, contact, rep);
    }
}
