using System.Text.Json.Nodes;
using Bot.Conversations.Pipeline;
using Bot.Host.WeCom;
using Bot.Tests.Fixtures;

namespace Bot.Tests.WeCom;

/// <summary>How a reply with a picture or file is shaped for each channel, before anything is sent.</summary>
public sealed class MediaRenderingTests
{
    [Fact]
    public void Render_Image_OutboxRowKeepsTheBytesNameAndMsgtype()
    {
        var png = TestPng.Create(20, 10);

        var row = AppMessageRenderer.Render("lina", Reply.Image("funnel.png", png, "本周漏斗图"), "reply:1:1");

        Assert.Equal(AppMessageRenderer.MediaKind, row.Kind);
        var media = AppMedia.FromPayload(row.Payload);
        Assert.Equal(("lina", "image", "funnel.png", "本周漏斗图", "image/png"), (media.ToUser, media.MsgType, media.FileName, media.Caption, media.ContentType));
        Assert.Equal(png, media.Content);
        Assert.Null(media.Refusal);
        Assert.Equal("""{"touser":"lina","msgtype":"image","image":{"media_id":"M1"}}""", media.MessageBody("M1").ToJsonString());
    }

    [Fact]
    public void Refusal_FileOver20MB_SaysWhyBeforeUploading()
    {
        var row = AppMessageRenderer.Render("lina", Reply.File("big.xlsx", new byte[(20 << 20) + 1], "年度报表"), "reply:1:1");

        var media = AppMedia.FromPayload(row.Payload);

        Assert.Equal("file \"big.xlsx\" (年度报表) is 20.0 MB, over WeCom's 20 MB limit for a file; not sent", media.Refusal);
    }

    [Fact]
    public void AiBot_PictureAndFile_PictureInTheStreamWithMd5FileThroughTheApp()
    {
        var png = TestPng.Create(30, 20);
        var file = Reply.File("本周报表.xlsx", "PK\u0003\u0004 workbook"u8.ToArray(), "本周报表");

        var answer = AiBotStreamRenderer.Render([Reply.Markdown("本周漏斗：线索 12"), Reply.Image("funnel.png", png, "本周漏斗图"), file]);

        Assert.Equal("本周漏斗：线索 12\n\n文件已通过应用消息发给你：本周报表.xlsx", answer.Stream.Content);
        Assert.Equal([file], answer.ViaApp);
        var item = AiBotStreamRenderer.ToJson("s1", answer.Stream)["stream"]!["msg_item"]!.AsArray().Single()!;
        Assert.Equal("image", item["msgtype"]!.GetValue<string>());
        Assert.Equal(Convert.ToBase64String(png), item["image"]!["base64"]!.GetValue<string>());
        Assert.Equal(Md5.Hex(png), item["image"]!["md5"]!.GetValue<string>());
    }

    [Fact]
    public void AiBot_ElevenPicturesAndOneOver10MB_TenInTheStreamOneThroughTheAppOneLeftOut()
    {
        var pictures = Enumerable.Range(1, 11).Select(i => Reply.Image($"p{i}.png", TestPng.Create(i, i), $"图{i}")).ToList();
        pictures.Add(Reply.Image("huge.png", new byte[(10 << 20) + 1], "大图"));

        var answer = AiBotStreamRenderer.Render(pictures);

        Assert.Equal(10, answer.Stream.Images!.Count);
        Assert.Equal("p11.png", Assert.Single(answer.ViaApp).Attachment!.FileName);
        Assert.Equal(1, answer.ImagesLeftOut);
        Assert.Equal("图片已通过应用消息发给你：p11.png", answer.Stream.Content);
    }

    [Fact]
    public void AiBot_StreamNotFinished_CarriesNoPictures()
    {
        var json = AiBotStreamRenderer.ToJson("s1", new StreamReply("正在查", false, [TestPng.Create(2, 2)]));

        Assert.Null(json["stream"]!["msg_item"]);
        Assert.False(json["stream"]!["finish"]!.GetValue<bool>());
    }
}
