using System.ComponentModel.DataAnnotations;

namespace Bot.Host.WeCom;

/// <summary>The WeCom app (and optional AI bot) this host serves. In the sandbox all of it points at the emulator.</summary>
public sealed class WeComOptions
{
    public const string Section = "WeCom";

    [Required]
    public string CorpId { get; set; } = "";

    [Range(1, int.MaxValue)]
    public int AgentId { get; set; }

    [Required]
    public string Secret { get; set; } = "";

    [Required, StringLength(32, MinimumLength = 1)]
    public string Token { get; set; } = "";

    [Required, StringLength(43, MinimumLength = 43)]
    public string EncodingAESKey { get; set; } = "";

    /// <summary>WeCom's API root, ending in <c>/cgi-bin/</c>; the emulator's address in the sandbox.</summary>
    [Required, Url]
    public string BaseUrl { get; set; } = "https://qyapi.weixin.qq.com/cgi-bin/";

    /// <summary>
    /// Where WeCom reaches this host from outside, e.g. https://bot.example.com. Only <c>scripts/bot doctor</c> reads
    /// it: it prints the callback URLs to paste into the admin console and verifies them the way WeCom does.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "";

    public AiBotOptions AiBot { get; set; } = new();

    /// <summary>Real callbacks are a few kilobytes; anything far larger is refused before it is read.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxCallbackBytes { get; set; } = 64 * 1024;

    public OutboxOptions Outbox { get; set; } = new();

    /// <summary>A corp tag that, put on a customer in WeCom, stops care messages to them (picked up from edit_external_contact).</summary>
    [Required]
    public string CareOptOutTag { get; set; } = "免打扰";
}

public sealed class AiBotOptions
{
    public string Token { get; set; } = "";

    public string EncodingAESKey { get; set; } = "";

    public bool Enabled => Token.Length > 0 && EncodingAESKey.Length == 43;
}

public sealed class OutboxOptions
{
    /// <summary>WeCom silently drops the 31st message a minute to one member, so our own limit sits below it.</summary>
    [Range(1, 30)]
    public int PerRecipientPerMinute { get; set; } = 20;

    [Range(1, 100_000)]
    public int PerAppPerMinute { get; set; } = 3000;

    /// <summary>
    /// externalcontact/add_msg_template calls a minute for the whole corp (customer-care greetings). WeCom allows
    /// 10,000 a minute per API and corp (older documents: 2,000), and 150,000 (30,000) an hour.
    /// </summary>
    [Range(1, 1_000_000)]
    public int GroupSendPerMinute { get; set; } = 500;

    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 8;

    [Range(1, 16)]
    public int Dispatchers { get; set; } = 2;

    /// <summary>How long a claimed row stays with its dispatcher before another process may take it over.</summary>
    [Range(1, 3600)]
    public int LeaseSeconds { get; set; } = 30;
}
