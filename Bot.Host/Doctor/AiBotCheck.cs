using Bot.Host.WeCom;
using Bot.Host.WeCom.Crypto;
using Microsoft.Extensions.Options;

namespace Bot.Host.Doctor;

/// <summary>
/// The optional AI bot (智能机器人): both settings or neither, a key the console would accept, and its URL
/// verified like the app's (its receiveid is empty).
/// </summary>
public sealed class AiBotCheck(IOptions<WeComOptions> options, CallbackVerifier verifier) : IDoctorCheck
{
    public string Subject => "智能机器人";

    public async Task<IReadOnlyList<DoctorLine>> RunAsync(CancellationToken ct)
    {
        var o = options.Value;
        var bot = o.AiBot;
        if (bot.Token.Length == 0 && bot.EncodingAESKey.Length == 0)
            return [DoctorLine.Info(Subject, "未配置（可选）——要在群里 @机器人 时，配置 WeCom:AiBot:Token 和 WeCom:AiBot:EncodingAESKey")];
        if (CallbackVerifier.KeyProblem(bot.Token, bot.EncodingAESKey, "WeCom:AiBot:Token", "WeCom:AiBot:EncodingAESKey") is { } problem)
            return [DoctorLine.Failed(Subject, problem)];
        const string where = "管理后台 › 应用管理 › 智能机器人 › API 模式";
        return [await CallbackCheck.CheckUrlAsync(Subject, o, "/wecom/aibot", new WeComCrypto(bot.Token, bot.EncodingAESKey, ""), where, verifier, ct)];
    }
}
