namespace Bot.Sandbox.Emulator;

/// <summary>
/// A member adds a customer; <see cref="ExternalUserId"/> reuses an existing customer (or picks the id). With
/// <see cref="LoseCallback"/> WeCom records it but the callback never reaches the bot, as happens in production.
/// </summary>
public sealed record AddContactRequest(
    string UserId, string Name, string? ExternalUserId = null, string? State = null, string? CorpName = null, bool LoseCallback = false, string? Position = null);

/// <summary><see cref="Callback"/> is null when the callback was lost.</summary>
public sealed record AddContactResponse(string ExternalUserId, string WelcomeCode, CallbackDelivery? Callback);

/// <summary>
/// By default the customer deletes the member (del_follow_user); <see cref="ByMember"/> is the member deleting the
/// customer (del_external_contact). <see cref="LoseCallback"/>: the callback never reaches the bot.
/// </summary>
public sealed record RemoveContactRequest(string UserId, string ExternalUserId, bool ByMember = false, bool LoseCallback = false);

public sealed record EditContactRequest(string UserId, string ExternalUserId, string? Remark = null, string? Description = null, IReadOnlyList<string>? Tags = null);

public sealed record ConfirmGroupMessageRequest(string UserId);

/// <summary>Customers the member already had before the bot was connected (no callbacks, no welcome codes).</summary>
public sealed record ExistingContactsRequest(string UserId, IReadOnlyList<ExistingContact> Contacts);

public sealed record ExistingContact(string ExternalUserId, string Name);

public sealed record AppTextRequest(string UserId, string Content);

public sealed record AppVoiceRequest(string UserId, string MediaId, string Format = "amr");

public sealed record MemberRequest(string UserId);

public sealed record CardClickRequest(string UserId, string TaskId, string EventKey, string CardType = "button_interaction");

public sealed record CardClickResponse(string ResponseCode, CallbackDelivery Callback);

/// <summary>A member writes to the AI bot; no <see cref="ChatId"/> means a single chat. <see cref="Voice"/> sends it as transcribed voice.</summary>
public sealed record AiBotMessageRequest(string UserId, string Content, string? ChatId = null, bool Voice = false);

public sealed record RefuseTransferRequest(string ExternalUserId);

public sealed record RefuseTransferResponse(CustomerTransfer Transfer, CallbackDelivery Callback);

/// <summary>The member has reached WeCom's customer limit (or, with <see cref="AtLimit"/> false, has room again).</summary>
public sealed record TransferLimitRequest(string UserId, bool AtLimit = true);
