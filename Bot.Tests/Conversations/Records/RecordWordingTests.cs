using Bot.Conversations.Customers;
using Bot.Conversations.Records;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding;

namespace Bot.Tests.Conversations.Records;

/// <summary>How a fix to an earlier record is read: what points at the record, and what an edit sets.</summary>
public sealed class RecordWordingTests
{
    // Monday 30 November 2026, 10:00 in Beijing.
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(8));

    private const long JinHe = 1;

    private static readonly CustomerDirectory.View View = CustomerDirectory.View.Of(
        [new DirectoryCustomer(JinHe, "金禾教育科技有限公司", "金禾", [], 1)],
        [new DirectoryContact(10, JinHe, "王海", "销售经理"), new DirectoryContact(11, JinHe, "赵建国", "总经理")]);

    private static (RecordPointer Pointer, RecordChange? Change) Read(string text, bool edit, InteractionChannel? model = null) =>
        RecordWording.Read(MessageReading.Of(text, Now, View), Now, JinHe, edit, model);

    private static DayRange Day(int month, int day) => new(new DateOnly(2026, month, day), new DateOnly(2026, month, day));

    [Theory]
    [InlineData("把昨天给金禾记的那条拜访删了", RecordKind.Interaction)]
    [InlineData("金禾那个提醒不要了", RecordKind.Reminder)]
    [InlineData("金禾那个跟进任务取消掉", RecordKind.Reminder)]
    [InlineData("11月20号那条跟进记录是我误录的，删除", RecordKind.Interaction)]
    [InlineData("刚才那单记错了，删掉", RecordKind.Order)]
    [InlineData("金禾那笔订单录错了", RecordKind.Order)]
    [InlineData("删掉金禾那个30万的商机", RecordKind.Deal)]
    public void Read_Delete_KindFromItsWord(string text, RecordKind kind) =>
        Assert.Equal(kind, Read(text, edit: false).Pointer.Kind);

    [Fact]
    public void Read_DeleteYesterdaysVisit_PointsWithDayAndChannel()
    {
        var (pointer, change) = Read("把昨天给金禾记的那条拜访删了", edit: false);

        Assert.True(change!.Deletes);
        Assert.Equal([Day(11, 29)], pointer.Days);
        Assert.Equal((InteractionChannel.Visit, "昨天"), (pointer.Channel, pointer.DaysSaid));
    }

    [Fact]
    public void Read_DeleteLastWeek_PointsAtTheWholeWeek()
    {
        var pointer = Read("金禾上周有两条记录重复了，删掉一条", edit: false).Pointer;

        Assert.Equal([new DayRange(new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 29))], pointer.Days);
    }

    [Fact]
    public void Read_DeleteReminderDueFriday_PointsWithTheComingFridayToo()
    {
        var pointer = Read("金禾那个周五的提醒删了", edit: false).Pointer;

        Assert.Equal([Day(12, 4)], pointer.DueDays);
        Assert.Equal([Day(11, 27)], pointer.Days);
    }

    [Fact]
    public void Read_DeleteDealWithAmount_PointsWithTheAmount() =>
        Assert.Equal(300_000m, Read("删掉金禾那个30万的商机", edit: false).Pointer.Amount);

    [Fact]
    public void Read_DeleteVisitWithAContact_PointsWithTheContact() =>
        Assert.Equal(11, Read("删掉跟赵总的那条拜访记录", edit: false).Pointer.ContactId);

    [Theory]
    [InlineData("昨天金禾那条记录渠道改成拜访", InteractionChannel.Visit, null)]
    [InlineData("周一给金禾记的电话其实是微信", InteractionChannel.WeChat, InteractionChannel.Phone)]
    [InlineData("刚才那条不是微信 是打的电话", InteractionChannel.Phone, InteractionChannel.WeChat)]
    [InlineData("金禾那条不是电话，是当面聊的", InteractionChannel.Visit, InteractionChannel.Phone)]
    [InlineData("把上周二金禾的拜访改成电话", InteractionChannel.Phone, InteractionChannel.Visit)]
    [InlineData("金禾那次其实是视频会议，不是电话", InteractionChannel.Meeting, InteractionChannel.Phone)]
    [InlineData("渠道是拜访", InteractionChannel.Visit, null)]
    public void Read_EditChannel_NewChannelAndTheOneItHasNow(string text, InteractionChannel to, InteractionChannel? now)
    {
        var (pointer, change) = Read(text, edit: true);

        Assert.Equal((RecordField.Channel, to), (change!.Field, change.Channel));
        Assert.Equal(now, pointer.Channel);
    }

    [Fact]
    public void Read_EditChannelNotSaidInWords_TakesTheClassifiersChannel() =>
        Assert.Equal(InteractionChannel.Email, Read("昨天金禾那条记录改一下", edit: true, InteractionChannel.Email).Change!.Channel);

    [Fact]
    public void Read_EditContact_NewContactAndTheWrongOnePoints()
    {
        var (pointer, change) = Read("上周三金禾那次联系人应该是王海，不是赵总", edit: true);

        Assert.Equal((RecordField.Contact, "王海", 10L), (change!.Field, change.ContactMention, change.ContactId));
        Assert.Equal(11, pointer.ContactId);
        Assert.Equal([Day(11, 25)], pointer.Days);
    }

    [Theory]
    [InlineData("联系人是欧阳娜娜", "欧阳娜娜")]
    [InlineData("金禾那条联系人写错了，应该是贾主任", "贾主任")]
    [InlineData("金禾那条记录联系人改成Tony Wang", "Tony Wang")]
    [InlineData("联系人是孟刚不是武波", "孟刚")]
    [InlineData("昨天那个电话联系人不对，是郭经理接的", "郭经理")]
    public void Read_EditUnknownContact_TheNameAsSaid(string text, string said)
    {
        var change = Read(text, edit: true).Change!;

        Assert.Equal((RecordField.Contact, said, (long?)null), (change.Field, change.ContactMention, change.ContactId));
    }

    [Fact]
    public void Read_EditDay_TheDayGoneByAndNotAPointer()
    {
        var (pointer, change) = Read("那次拜访其实是周一", edit: true);

        Assert.Equal((RecordField.Day, new DateOnly(2026, 11, 23), (TimeOnly?)null), (change!.Field, change.Day, change.Time));
        Assert.Empty(pointer.Days);
        Assert.Equal(InteractionChannel.Visit, pointer.Channel);
    }

    [Theory]
    [InlineData("联系人是王海", true, false)]
    [InlineData("上周三金禾那次联系人应该是王海", true, true)]
    [InlineData("赵总那次其实是微信", true, true)]
    [InlineData("删掉跟赵总的那条拜访记录", false, true)]
    [InlineData("刚才那条记错了，删掉", false, false)]
    public void Read_ACustomerOrAContactThatPoints_NamesTheCustomer_ButANewContactDoesNot(string text, bool edit, bool names) =>
        Assert.Equal(names, Read(text, edit).Pointer.NamesCustomer);

    [Theory]
    [InlineData("金禾那条联系人改成王海，不是赵总", "resolved", 10L)]
    [InlineData("联系人是王海，不是赵总", "none", null)]
    public void Parse_Edit_ItsContactIsTheNewOne_AndANewContactAloneNamesNoCustomer(string text, string status, long? contactId)
    {
        var scope = new UserScope(new SalesUser(1, "u1", "李娜", UserRole.Rep, null, true), new HashSet<long> { 1 });

        var parsed = MessageParser.Parse(text, scope, Now, View, intent: Intent.EditRecord);

        Assert.Equal(status, parsed.Customer is CustomerResolution.Resolved ? "resolved" : "none");
        Assert.Equal(contactId, (parsed.Customer as CustomerResolution.Resolved)?.ContactId);
    }

    [Fact]
    public void Read_EditNamingNoField_IsNothingToChange() =>
        Assert.Null(Read("昨天金禾那条记录改一下", edit: true).Change);
}
