namespace Bot.Host.Doctor;

/// <summary>Runs every check at once (a slow one should not hold up the rest) and prints their lines in a fixed order.</summary>
public sealed class DoctorRunner(IEnumerable<IDoctorCheck> checks)
{
    /// <returns>0 when nothing failed; warnings and notes do not count.</returns>
    public async Task<int> RunAsync(TextWriter output, CancellationToken ct)
    {
        var running = checks.Select(check => (check, lines: RunOneAsync(check, ct))).ToList();
        var failed = 0;
        foreach (var (_, lines) in running)
        {
            foreach (var line in await lines)
            {
                await output.WriteLineAsync(line.ToString());
                if (line.Status == DoctorStatus.Failed)
                    failed++;
            }
        }
        await output.WriteLineAsync(failed == 0 ? "配置没有问题。" : $"有 {failed} 项需要处理，改好后再运行 scripts/bot doctor。");
        return failed == 0 ? 0 : 1;
    }

    private static async Task<IReadOnlyList<DoctorLine>> RunOneAsync(IDoctorCheck check, CancellationToken ct)
    {
        try
        {
            return await check.RunAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return [DoctorLine.Failed(check.Subject, $"检查时出错：{ex.Message}")];
        }
    }
}
