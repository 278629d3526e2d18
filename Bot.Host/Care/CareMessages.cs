using System.Text.Json.Nodes;
using Bot.Conversations.Care;
using Bot.Conversations.Pipeline;
using Bot.Host.WeCom;

namespace Bot.Host.Care;

/// <summary>A greeting as WeCom's 企业群发 takes it: one customer, sent by the owning rep once they confirm.</summary>
public static class CareMessages
{
    /// <summary>Outbox kind for externalcontact/add_msg_template.</summary>
    public const string GroupSendKind = "msg_template";

    public static OutgoingMessage GroupSend(PlannedCare plan)
    {
        var body = new JsonObject
        {
            ["chat_type"] = "single",
            ["external_userid"] = new JsonArray(plan.Candidate.ExternalUserId),
            ["sender"] = plan.Candidate.RepUserId,
            ["allow_select"] = false,
            ["text"] = new JsonObject { ["content"] = Utf8Text.Truncate(plan.Text!, CareTemplates.MaxBytes) },
        };
        return new OutgoingMessage(plan.Key, "app", plan.Candidate.ExternalUserId, GroupSendKind, body.ToJsonString(WeComJson.Options));
    }
}
