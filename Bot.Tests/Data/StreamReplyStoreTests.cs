using Bot.Conversations.Pipeline;
using Bot.Tests.Fixtures;

namespace Bot.Tests.Data;

public sealed class StreamReplyStoreTests : IAsyncLifetime
{
    private readonly DatabaseFixture _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task FinishedAnswerWithPictures_ReadBackByteForByte()
    {
        var streams = _db.Get<IStreamReplies>();
        var picture = TestPng.Create(12, 7);

        await streams.SetAsync("s-media", new StreamReply("本周漏斗如下", true, [picture]));

        var read = await streams.GetAsync("s-media");
        Assert.Equal(("本周漏斗如下", true), (read?.Content, read?.Finished));
        Assert.Equal(picture, Assert.Single(read!.Images!));
    }

    [Fact]
    public async Task SameStreamAnsweredAgain_LatestAnswerShown()
    {
        var streams = _db.Get<IStreamReplies>();

        await streams.SetAsync("s-again", new StreamReply("正在处理", false));
        await streams.SetAsync("s-again", new StreamReply("已记录", true));

        Assert.Equal("已记录", (await streams.GetAsync("s-again"))?.Content);
        Assert.Null(await streams.GetAsync("s-unknown"));
    }
}
