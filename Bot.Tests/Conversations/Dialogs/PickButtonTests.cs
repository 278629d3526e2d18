using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;

namespace Bot.Tests.Conversations.Dialogs;

public sealed class PickButtonTests
{
    private static IncomingMessage Click(string key) => new(1, "lina", "", DateTimeOffset.UnixEpoch, ChannelKind.App, MessageKind.ButtonClick, key);

    [Fact]
    public void Picked_ClickOnTheButtonMadeForACustomer_ReturnsThatCustomer()
    {
        var button = PickButton.For(1234, "2. 成都星辰");

        Assert.Equal("2. 成都星辰", button.Text);
        Assert.Equal(1234, PickButton.Picked(Click(button.Key)));
    }

    [Theory]
    [InlineData("reminder:done:1234")]
    [InlineData("pick:")]
    [InlineData("pick:星辰")]
    [InlineData("write:yes")]
    public void Picked_AnyOtherKey_ReturnsNull(string key) => Assert.Null(PickButton.Picked(Click(key)));

    [Fact]
    public void Picked_TextThatLooksLikeAKey_ReturnsNull() =>
        Assert.Null(PickButton.Picked(new IncomingMessage(1, "lina", "pick:1234", DateTimeOffset.UnixEpoch, ChannelKind.App)));
}
