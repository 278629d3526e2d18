namespace Bot.Host.Doctor;

/// <summary>
/// Our clock against the Date header of WeCom's gettoken answer. Scheduled jobs fire by this clock (Beijing time),
/// and callbacks and AI-bot replies carry timestamps WeCom and the bot compare; minutes off means reminders at the
/// wrong time and timestamps that look replayed. The header has whole seconds, so small differences are noise.
/// </summary>
public sealed class ClockCheck(WeComProbe wecom) : IDoctorCheck
{
    private static readonly TimeSpan WarnOver = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FailOver = TimeSpan.FromMinutes(5);

    public string Subject => "时钟";

    public async Task<IReadOnlyList<DoctorLine>> RunAsync(CancellationToken ct)
    {
        var answer = await wecom.TokenAsync(ct);
        if (answer.ServerDate is not { } serverDate)
            return [DoctorLine.Info(Subject, "未检查——企业微信没有回答时间（见 access_token 一行）")];
        var skew = answer.ReceivedAt - serverDate;
        var size = Math.Abs(skew.TotalSeconds);
        var direction = skew > TimeSpan.Zero ? "快" : "慢";
        var amount = size >= 120 ? $"{size / 60:0} 分钟" : $"{size:0} 秒";
        if (size > FailOver.TotalSeconds)
            return [DoctorLine.Failed(Subject, $"本机比企业微信{direction} {amount}——校准系统时间（开启 NTP，如 chrony）：定时任务会在错误的时间运行，回调和智能机器人的时间戳也对不上")];
        if (size > WarnOver.TotalSeconds)
            return [DoctorLine.Warning(Subject, $"本机比企业微信{direction} {amount}——建议开启 NTP 校时，差到 5 分钟以上提醒和时间戳就会出错")];
        return [DoctorLine.Ok(Subject, size < 2 ? "与企业微信一致" : $"与企业微信相差 {size:0} 秒")];
    }
}
