namespace Bot.Conversations.Care;

/// <summary>
/// Why a customer gets a greeting. The order is the priority when WeCom's per-customer group-send quota allows
/// only some of a day's occasions: a birthday is personal, 春节 is the one festival nobody may miss, the other
/// festivals follow, and a post-sale check-in can wait for the next day.
/// </summary>
public enum CareOccasion
{
    Birthday,
    SpringFestival,
    MidAutumn,
    DragonBoat,
    LanternFestival,
    NationalDay,
    NewYear,
    PostSale,
}

public static class CareOccasions
{
    public static readonly IReadOnlyList<CareOccasion> All = Enum.GetValues<CareOccasion>();

    public static readonly IReadOnlyList<CareOccasion> Festivals =
        [CareOccasion.SpringFestival, CareOccasion.MidAutumn, CareOccasion.DragonBoat, CareOccasion.LanternFestival, CareOccasion.NationalDay, CareOccasion.NewYear];

    /// <summary>The name stored in care_tasks and used in idempotency keys.</summary>
    public static string Key(this CareOccasion occasion) => occasion switch
    {
        CareOccasion.Birthday => "birthday",
        CareOccasion.SpringFestival => "spring-festival",
        CareOccasion.MidAutumn => "mid-autumn",
        CareOccasion.DragonBoat => "dragon-boat",
        CareOccasion.LanternFestival => "lantern",
        CareOccasion.NationalDay => "national-day",
        CareOccasion.NewYear => "new-year",
        _ => "post-sale",
    };

    public static CareOccasion FromKey(string key) => All.First(o => o.Key() == key);

    // 新年 is said of both New Year's Day and Spring Festival.
    private static readonly (string Word, CareOccasion[] Occasions)[] Words =
    [
        ("生日", [CareOccasion.Birthday]), ("过寿", [CareOccasion.Birthday]), ("寿辰", [CareOccasion.Birthday]),
        ("春节", [CareOccasion.SpringFestival]), ("新春", [CareOccasion.SpringFestival]), ("过年", [CareOccasion.SpringFestival]),
        ("拜年", [CareOccasion.SpringFestival]), ("新年", [CareOccasion.SpringFestival, CareOccasion.NewYear]),
        ("中秋", [CareOccasion.MidAutumn]), ("端午", [CareOccasion.DragonBoat]), ("元宵", [CareOccasion.LanternFestival]),
        ("国庆", [CareOccasion.NationalDay]), ("元旦", [CareOccasion.NewYear]), ("跨年", [CareOccasion.NewYear]),
        ("售后", [CareOccasion.PostSale]), ("回访", [CareOccasion.PostSale]),
    ];

    /// <summary>The occasions a rep's words name (「中秋祝福」, 「生日的」); empty when none is named.</summary>
    public static IReadOnlySet<CareOccasion> NamedIn(string text) =>
        Words.Where(w => text.Contains(w.Word, StringComparison.Ordinal)).SelectMany(w => w.Occasions).ToHashSet();

    /// <summary>How a rep calls it: 春节祝福, 生日祝福, 售后回访.</summary>
    public static string ChineseName(this CareOccasion occasion) => occasion switch
    {
        CareOccasion.Birthday => "生日祝福",
        CareOccasion.SpringFestival => "春节祝福",
        CareOccasion.MidAutumn => "中秋祝福",
        CareOccasion.DragonBoat => "端午祝福",
        CareOccasion.LanternFestival => "元宵祝福",
        CareOccasion.NationalDay => "国庆祝福",
        CareOccasion.NewYear => "元旦祝福",
        _ => "售后回访",
    };
}
