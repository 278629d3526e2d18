namespace Bot.Sandbox.Emulator;

/// <summary>The error codes the emulator answers with (wecom-spec.md §9), and WeCom-like messages for them.</summary>
public static class EmulatorErrors
{
    public const int SystemBusy = -1;
    public const int InvalidSecret = 40001;
    public const int InvalidMediaType = 40004;
    public const int InvalidFileType = 40005;
    public const int InvalidFileSize = 40006;
    public const int InvalidMediaId = 40007;
    public const int InvalidMessageType = 40008;
    public const int InvalidCorpId = 40013;
    public const int InvalidToken = 40014;
    public const int InvalidCharacters = 40033;
    public const int InvalidParameter = 40035;
    public const int InvalidAgentId = 40056;
    public const int MissingParameter = 40063;
    public const int InvalidExternalUserId = 40096;
    public const int MemberNotResigned = 40097;
    public const int TransferredTooOften = 40128;
    public const int AlreadyTransferring = 40129;
    public const int SameHandoverAndTakeover = 40130;
    public const int NotHandoversCustomer = 40131;
    public const int MissingExternalUserId = 41035;
    public const int InvalidUserId = 40003;
    public const int UserIdNotFound = 60111;
    public const int MissingToken = 41001;
    public const int WelcomeCodeUsed = 41051;
    public const int TokenExpired = 42001;
    public const int EmptyMedia = 44001;
    public const int EmptyContent = 44004;
    public const int MediaTooLarge = 45001;
    public const int FrequencyLimit = 45009;
    public const int BadJson = 47001;
    public const int ApiForbidden = 48002;
    public const int IpNotAllowed = 60020;
    public const int NoExternalContactRelation = 84061;

    public static string Message(int errcode) => errcode switch
    {
        0 => "ok",
        SystemBusy => "system busy",
        InvalidSecret => "invalid credential",
        InvalidMediaType => "invalid media type",
        InvalidFileType => "invalid file type",
        InvalidFileSize => "invalid file size",
        InvalidMediaId => "invalid media_id",
        InvalidMessageType => "invalid message type",
        InvalidCorpId => "invalid corpid",
        InvalidToken => "invalid access_token",
        InvalidCharacters => "不合法的请求字符，不能包含\\uxxxx格式的字符",
        InvalidParameter => "invalid parameter",
        InvalidAgentId => "invalid agentid",
        MissingParameter => "missing parameter",
        InvalidExternalUserId => "invalid external userid",
        MemberNotResigned => "user is not resigned",
        TransferredTooOften => "customer transfer too frequent",
        AlreadyTransferring => "customer is transferring",
        SameHandoverAndTakeover => "handover_userid is the same as takeover_userid",
        NotHandoversCustomer => "handover_userid is not the follow user of external contact",
        MissingExternalUserId => "missing external userid",
        InvalidUserId => "invalid userid",
        UserIdNotFound => "userid not found",
        MissingToken => "access_token missing",
        WelcomeCodeUsed => "welcome code expired or already used",
        TokenExpired => "access_token expired",
        EmptyMedia => "empty media data",
        EmptyContent => "empty content",
        MediaTooLarge => "media size out of limit",
        FrequencyLimit => "api freq out of limit",
        BadJson => "data format error",
        ApiForbidden => "api forbidden",
        IpNotAllowed => "not allow to access from your ip",
        NoExternalContactRelation => "not external contact",
        _ => "emulated error",
    } + ", hint: [emulator]";

    /// <summary>WeCom names the caller's address in 60020, which is how an admin learns what to add to 企业可信IP.</summary>
    public static string IpNotAllowedMessage(string? ip) =>
        $"not allow to access from your ip, hint: [emulator], from ip: {ip}, more info at https://open.work.weixin.qq.com/devtool/query?e=60020";
}
