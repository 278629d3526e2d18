namespace Bot.Sandbox.Emulator;

/// <summary>Customers as the members' phones would change them, with the callbacks WeCom fires for that.</summary>
public static class ContactControlEndpoints
{
    public static void MapContactControl(this IEndpointRouteBuilder control)
    {
        control.MapGet("contacts", (string userid, ContactStore contacts) =>
            ControlEndpoints.Json(contacts.CustomersOf(userid).Select(contacts.Get).OfType<(ExternalContact Contact, IReadOnlyList<FollowUser> Follows)>()
                .Select(c => new { c.Contact, Follow = c.Follows.First(f => f.UserId == userid) })));

        control.MapPost("contacts", async (AddContactRequest request, ContactStore contacts, WeComCallbackSender callbacks, CancellationToken ct) =>
        {
            var (follow, welcome) = contacts.Add(request.UserId, request.Name, request.ExternalUserId, request.State, request.CorpName, request.Position);
            var delivery = request.LoseCallback ? null : await callbacks.SendExternalContactChangeAsync(
                "add_external_contact", request.UserId, follow.ExternalUserId, welcome.Code, follow.State, ct);
            return ControlEndpoints.Json(new AddContactResponse(follow.ExternalUserId, welcome.Code, delivery));
        });

        control.MapPost("contacts/existing", (ExistingContactsRequest request, ContactStore contacts) =>
        {
            contacts.AddExisting(request.Contacts.Select(c => (request.UserId, c.ExternalUserId, c.Name)));
            return Results.NoContent();
        });

        control.MapPost("contacts/remove", async (RemoveContactRequest request, ContactStore contacts, WeComCallbackSender callbacks, CancellationToken ct) =>
        {
            if (!contacts.RemoveFollow(request.UserId, request.ExternalUserId))
                return Results.NotFound();
            if (request.LoseCallback)
                return Results.NoContent();
            var changeType = request.ByMember ? "del_external_contact" : "del_follow_user";
            return ControlEndpoints.Json(await callbacks.SendExternalContactChangeAsync(changeType, request.UserId, request.ExternalUserId, ct: ct));
        });

        control.MapPost("contacts/edit", async (EditContactRequest request, ContactStore contacts, WeComCallbackSender callbacks, CancellationToken ct) =>
        {
            if (contacts.Edit(request.UserId, request.ExternalUserId, request.Remark, request.Description, request.Tags) is null)
                return Results.NotFound();
            return ControlEndpoints.Json(await callbacks.SendExternalContactChangeAsync("edit_external_contact", request.UserId, request.ExternalUserId, ct: ct));
        });

        control.MapGet("customers/{externalUserId}/deliveries", (string externalUserId, ContactStore contacts) =>
            ControlEndpoints.Json(contacts.DeliveriesTo(externalUserId)));

        control.MapGet("group-messages", (string? sender, bool? confirmed, GroupMessageStore groupMessages) =>
            ControlEndpoints.Json(groupMessages.Tasks(sender, confirmed)));

        // The rep opens 群发助手 and taps 发送 on everything waiting for them.
        control.MapPost("group-messages/confirm-all", (ConfirmGroupMessageRequest request, GroupMessageStore groupMessages) =>
            ControlEndpoints.Json(groupMessages.Tasks(request.UserId, confirmed: false)
                .Select(t => groupMessages.Confirm(t.MsgId, request.UserId)).OfType<GroupMessageTask>().ToList()));

        control.MapPost("group-messages/{msgId}/confirm", (string msgId, ConfirmGroupMessageRequest request, GroupMessageStore groupMessages) =>
            groupMessages.Confirm(msgId, request.UserId) is { } task ? ControlEndpoints.Json(task) : Results.NotFound());
    }
}
