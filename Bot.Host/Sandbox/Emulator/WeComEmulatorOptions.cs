namespace Bot.Sandbox.Emulator;

/// <summary>Section <c>WeCom:Emulator</c>: the fake WeCom server and the callbacks it sends to the bot.</summary>
public sealed class WeComEmulatorOptions
{
    public const string SectionName = "WeCom:Emulator";

    public bool Enabled { get; set; }

    public string PathPrefix { get; set; } = "/wecom-emulator";

    public string CorpId { get; set; } = "ww-emulator-corp";

    public string CorpSecret { get; set; } = "emulator-secret";

    public int AgentId { get; set; } = 1000002;

    public string Token { get; set; } = "emulatortoken";

    public string EncodingAESKey { get; set; } = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";

    /// <summary>The bot's app callback, e.g. http://127.0.0.1:5080/wecom/callback.</summary>
    public string CallbackUrl { get; set; } = "";

    /// <summary>
    /// Members an admin has given 客户联系 (comma-separated userids), as get_follow_user_list reports them; members who
    /// have customers in the emulator count too.
    /// </summary>
    public string CustomerContactMembers { get; set; } = "";

    public string AiBotId { get; set; } = "aibot-emulator";

    public string AiBotToken { get; set; } = "aibottoken";

    public string AiBotEncodingAESKey { get; set; } = "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR";

    /// <summary>The bot's AI-bot callback, e.g. http://127.0.0.1:5080/wecom/aibot.</summary>
    public string AiBotCallbackUrl { get; set; } = "";

    /// <summary>Base of the AI bot's response_url; empty means the address this host listens on.</summary>
    public string PublicBaseUrl { get; set; } = "";

    public int TokenLifetimeSeconds { get; set; } = 7200;

    /// <summary>How long WeCom waits for an HTTP 200 before re-posting (fractions allowed so tests stay fast).</summary>
    public double CallbackTimeoutSeconds { get; set; } = 5;

    public int PerRecipientPerMinute { get; set; } = 30;

    public int PerRecipientPerHour { get; set; } = 1000;

    public int WelcomeCodeLifetimeSeconds { get; set; } = 20;

    /// <summary>
    /// Group sends one customer may receive in a calendar month (WeCom: as many as the month has days); a confirmed
    /// send beyond it fails with status 3. Zero means the days of the month.
    /// </summary>
    public int GroupSendsPerCustomerPerMonth { get; set; }

    public int AiBotStreamRefreshMilliseconds { get; set; } = 300;

    /// <summary>WeCom stops refreshing a stream 6 minutes after the user's message.</summary>
    public double AiBotStreamDeadlineSeconds { get; set; } = 360;

    internal TimeSpan CallbackTimeout => TimeSpan.FromSeconds(CallbackTimeoutSeconds);
}
