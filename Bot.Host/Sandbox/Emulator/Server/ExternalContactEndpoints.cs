using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Bot.Sandbox.Emulator;

/// <summary>客户联系: reading customers, 企业群发 and the welcome message (wecom-spec.md §6).</summary>
public static class ExternalContactEndpoints
{
    private const int MaxAttachments = 9;

    public static void MapExternalContactEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("externalcontact/list", (string? userid, ContactStore contacts) => string.IsNullOrEmpty(userid)
            ? WeComResults.Error(EmulatorErrors.MissingParameter)
            : WeComResults.Ok(new { ExternalUserid = contacts.CustomersOf(userid) }));
        // Members with 客户联系 switched on; here, everyone who has a customer.
        api.MapGet("externalcontact/get_follow_user_list", (ContactStore contacts, IOptions<WeComEmulatorOptions> options) => WeComResults.Ok(new
        {
            FollowUser = options.Value.CustomerContactMembers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Union(contacts.Members(), StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
        }));
        api.MapGet("externalcontact/get", Get);
        api.MapPost("externalcontact/batch/get_by_user", BatchGetByUser);
        api.MapPost("externalcontact/add_msg_template", AddMsgTemplate);
        api.MapPost("externalcontact/get_groupmsg_send_result", GetGroupMsgSendResult);
        api.MapPost("externalcontact/get_groupmsg_list_v2", GetGroupMsgList);
        api.MapPost("externalcontact/send_welcome_msg", SendWelcomeMsg);
    }

    private static IResult Get([FromQuery(Name = "external_userid")] string? externalUserId, ContactStore contacts)
    {
        if (string.IsNullOrEmpty(externalUserId) || contacts.Get(externalUserId) is not { } found)
            return WeComResults.Error(EmulatorErrors.InvalidExternalUserId);
        var (contact, follows) = found;
        return WeComResults.Ok(new
        {
            ExternalContact = ContactJson(contact),
            FollowUser = follows.Select(f => new
            {
                Userid = f.UserId, f.Remark, f.Description, Createtime = f.CreateTime,
                Tags = f.Tags.Select(t => new { GroupName = "客户标签", TagName = t, TagId = "et" + t.GetHashCode(StringComparison.Ordinal).ToString("x8", System.Globalization.CultureInfo.InvariantCulture), Type = 1 }),
                RemarkMobiles = Array.Empty<string>(), OperUserid = f.UserId, f.AddWay, f.State,
            }),
            NextCursor = "",
        });
    }

    private static async Task<IResult> BatchGetByUser(HttpRequest request, ContactStore contacts, CancellationToken ct)
    {
        var (body, error) = await WeComRequestBody.ReadAsync(request, ct);
        if (body is null)
            return WeComResults.Error(error);
        var userIds = body.GetTexts("userid_list");
        var limit = body.GetNumber("limit") ?? 50;
        if (userIds.Count is 0 or > 100)
            return WeComResults.Error(EmulatorErrors.MissingParameter);
        if (limit is < 1 or > 100
            || !CursorPage.TrySlice(contacts.FollowsOf(userIds), body.GetText("cursor"), limit, out var page, out var next))
            return WeComResults.Error(EmulatorErrors.InvalidParameter);
        return WeComResults.Ok(new
        {
            ExternalContactList = page.Select(p => new
            {
                ExternalContact = ContactJson(p.Contact),
                FollowInfo = new
                {
                    Userid = p.Follow.UserId, p.Follow.Remark, p.Follow.Description, Createtime = p.Follow.CreateTime, TagId = Array.Empty<string>(),
                    RemarkMobiles = Array.Empty<string>(), OperUserid = p.Follow.UserId, p.Follow.AddWay, p.Follow.State,
                },
            }),
            NextCursor = next,
        });
    }

    private static async Task<IResult> AddMsgTemplate(HttpRequest request, GroupMessageStore groupMessages, CancellationToken ct)
    {
        var (body, error) = await WeComRequestBody.ReadAsync(request, ct);
        if (body is null)
            return WeComResults.Error(error);
        if ((body.GetText("chat_type") ?? "single") != "single")
            return WeComResults.Error(EmulatorErrors.InvalidParameter, errmsg: "the emulator only has single-customer sends, hint: [emulator]");
        var customers = body.GetTexts("external_userid");
        if (customers.Count == 0)
            return WeComResults.Error(EmulatorErrors.MissingParameter);
        var (text, attachments, contentError) = ReadContent(body);
        if (contentError != 0)
            return WeComResults.Error(contentError);
        var (msgId, failList) = groupMessages.Add(body.GetText("sender"), customers, text, attachments);
        return WeComResults.Ok(new { FailList = failList, Msgid = msgId });
    }

    private static async Task<IResult> GetGroupMsgSendResult(HttpRequest request, GroupMessageStore groupMessages, CancellationToken ct)
    {
        var (body, error) = await WeComRequestBody.ReadAsync(request, ct);
        if (body is null)
            return WeComResults.Error(error);
        var msgId = body.GetText("msgid");
        if (string.IsNullOrEmpty(msgId))
            return WeComResults.Error(EmulatorErrors.MissingParameter);
        var tasks = groupMessages.TasksOf(msgId);
        if (tasks is null)
            return WeComResults.Error(EmulatorErrors.InvalidParameter, errmsg: "invalid msgid, hint: [emulator]");
        var userId = body.GetText("userid");
        var rows = tasks.Where(t => userId is null || t.Sender == userId)
            .SelectMany(t => t.Targets.Select(target => new
            {
                ExternalUserid = target.ExternalUserId, ChatId = "", Userid = t.Sender, target.Status,
                SendTime = target.SendTime?.ToUnixTimeSeconds() ?? 0,
            }))
            .ToList();
        if (!CursorPage.TrySlice(rows, body.GetText("cursor"), body.GetNumber("limit") ?? 500, out var page, out var next))
            return WeComResults.Error(EmulatorErrors.InvalidParameter);
        return WeComResults.Ok(new { SendList = page, NextCursor = next });
    }

    private static async Task<IResult> GetGroupMsgList(HttpRequest request, GroupMessageStore groupMessages, CancellationToken ct)
    {
        var (body, error) = await WeComRequestBody.ReadAsync(request, ct);
        if (body is null)
            return WeComResults.Error(error);
        if (body.GetNumber("start_time") is not { } start || body.GetNumber("end_time") is not { } end)
            return WeComResults.Error(EmulatorErrors.MissingParameter);
        // WeCom lists at most a month per call.
        if (end < start || end - start > 31 * 86400 || (body.GetText("chat_type") ?? "single") != "single")
            return WeComResults.Error(EmulatorErrors.InvalidParameter);
        var rows = groupMessages.CreatedBy(body.GetText("creator"), DateTimeOffset.FromUnixTimeSeconds(start), DateTimeOffset.FromUnixTimeSeconds(end))
            .Select(t => new
            {
                Msgid = t.MsgId, Creator = t.Sender, CreateTime = t.CreateTime.ToUnixTimeSeconds(), CreateType = 1,
                Text = new { Content = t.Text ?? "" },
            })
            .ToList();
        if (!CursorPage.TrySlice(rows, body.GetText("cursor"), Math.Min(body.GetNumber("limit") ?? 50, 100), out var page, out var next))
            return WeComResults.Error(EmulatorErrors.InvalidParameter);
        return WeComResults.Ok(new { GroupMsgList = page, NextCursor = next });
    }

    private static async Task<IResult> SendWelcomeMsg(HttpRequest request, ContactStore contacts, CancellationToken ct)
    {
        var (body, error) = await WeComRequestBody.ReadAsync(request, ct);
        if (body is null)
            return WeComResults.Error(error);
        var code = body.GetText("welcome_code");
        if (string.IsNullOrEmpty(code))
            return WeComResults.Error(EmulatorErrors.MissingParameter);
        var (text, attachments, contentError) = ReadContent(body);
        if (contentError != 0)
            return WeComResults.Error(contentError);
        if (contacts.UseWelcomeCode(code) is not { } welcome)
            return WeComResults.Error(EmulatorErrors.WelcomeCodeUsed);
        contacts.Deliver(welcome.ExternalUserId, welcome.UserId, "welcome", text, attachments, null);
        return WeComResults.Ok();
    }

    private static (string? Text, JsonElement? Attachments, int Errcode) ReadContent(JsonObject body)
    {
        var text = (body["text"] as JsonObject)?.GetText("content");
        var attachments = body["attachments"] as JsonArray;
        if (attachments is { Count: > MaxAttachments })
            return (null, null, EmulatorErrors.InvalidParameter);
        if (string.IsNullOrEmpty(text) && attachments is not { Count: > 0 })
            return (null, null, EmulatorErrors.EmptyContent);
        JsonElement? snapshot = attachments is null ? null : JsonSerializer.SerializeToElement(attachments, EmulatorJson.WeCom);
        return (text, snapshot, 0);
    }

    private static object ContactJson(ExternalContact contact) => new
    {
        ExternalUserid = contact.ExternalUserId, contact.Name, contact.Type, contact.Avatar, contact.Gender, contact.Position,
        contact.CorpName, CorpFullName = contact.CorpName,
    };
}
