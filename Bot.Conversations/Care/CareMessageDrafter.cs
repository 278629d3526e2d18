using Bot.Conversations.Assistant;
using Bot.Conversations.Common;
using Bot.Conversations.Customers;
using Bot.Conversations.Team;

namespace Bot.Conversations.Care;

/// <summary>
/// A greeting that fits the contact — drafted by the model from the customer's record (company, title, industry,
/// the last interaction) when one is configured and its text passes the checks (<see cref="CareText"/>, the
/// salutation first and the rep's name last) — otherwise the template.
/// </summary>
public sealed class CareMessageDrafter(IGroundedWriter writer, IInteractionRepository interactions) : ICareMessageDrafter
{
    public async Task<CareMessage> DraftAsync(CareOccasion occasion, Customer customer, Contact contact, SalesUser rep, CancellationToken ct)
    {
        var greeting = Salutation.For(contact);
        var template = $"{greeting}，{Wishes(occasion)}——{rep.Name}";
        var recent = await interactions.ListRecentAsync(customer.Id, 1, ct);
        var last = recent.Count > 0 ? recent[0] : null;
        var material = new List<string>
        {
            $"节日：{Name(occasion)}",
            $"称呼：{greeting}",
            $"对方公司：{customer.ShortName ?? customer.LegalName}",
            $"署名：{rep.Name}",
        };
        if (contact.Title is { } title)
            material.Add($"对方职位：{title}");
        if (customer.Industry is { } industry)
            material.Add($"对方行业：{industry}");
        if (last is not null)
            material.Add($"最近一次沟通（{ChinaTime.DateOf(last.OccurredAt):M月d日}）：{last.Summary}");

        var draft = await writer.WriteAsync(new GroundedTask("care message",
            $"替销售给客户写一条{Name(occasion)}祝福，发到对方微信。以「{greeting}，」开头，真诚自然，可以轻轻呼应对方行业或最近的沟通，但不谈生意、不推销；以「——{rep.Name}」结尾。",
            material, CareText.MaxLength), ct);
        return draft is not null && CareText.Problem(draft) is null
            && draft.StartsWith(greeting, StringComparison.Ordinal) && draft.EndsWith(rep.Name, StringComparison.Ordinal)
            ? new CareMessage(draft, true)
            : new CareMessage(template, false);
    }

    private static string Name(CareOccasion occasion) => occasion switch
    {
        CareOccasion.Birthday => "生日",
        CareOccasion.PostSale => "售后回访",
        _ => FestivalCalendar.NameOf(occasion),
    };

    private static string Wishes(CareOccasion occasion) => occasion switch
    {
        CareOccasion.Birthday => "生日快乐！感谢您一直以来的信任和支持，祝您身体健康、万事顺意。",
        CareOccasion.NewYear => "元旦快乐！感谢这一年的支持与合作，祝您新的一年工作顺利、万事如意。",
        CareOccasion.SpringFestival => "新春快乐！感谢过去一年的支持与合作，祝您和家人新年安康、阖家幸福。",
        CareOccasion.DragonBoat => "端午安康！祝您和家人身体健康、诸事顺遂。",
        CareOccasion.LanternFestival => "元宵节快乐！祝您和家人团团圆圆、顺顺利利。",
        CareOccasion.NationalDay => "国庆快乐！祝您假期愉快、出行平安。",
        CareOccasion.PostSale => "您好！前几天的订单用得还顺利吗？有任何问题随时找我。",
        _ => "中秋快乐！月圆人团圆，祝您和家人中秋安康、幸福美满。",
    };
}
