using Microsoft.Extensions.Options;
using Quartz;

namespace Bot.Host.Scheduling;

/// <summary>Every job has a valid cron and every cron names a job: a typo fails the start, not a silent night.</summary>
public sealed class SchedulingOptionsValidator(ScheduledJobTypes jobs) : IValidateOptions<SchedulingOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulingOptions options)
    {
        var known = jobs.Names;
        var errors = new List<string>();
        errors.AddRange(known.Where(j => !options.Cron.ContainsKey(j)).Select(j => $"Scheduling:Cron:{j} is missing"));
        foreach (var (job, cron) in options.Cron)
        {
            if (!known.Contains(job))
                errors.Add($"Scheduling:Cron:{job} names no job (known: {string.Join(", ", known.Order())})");
            else if (!IsValid(cron))
                errors.Add($"Scheduling:Cron:{job} '{cron}' is not a valid Quartz cron expression (seconds minutes hours day month weekday)");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsValid(string cron)
    {
        try
        {
            _ = new CronExpression(cron);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

/// <summary>The registered job classes; a job's name is its class name without "Job".</summary>
public sealed record ScheduledJobTypes(IReadOnlyList<Type> Types)
{
    public IReadOnlySet<string> Names { get; } = Types.Select(NameOf).ToHashSet();

    public static string NameOf(Type type) => type.Name.EndsWith("Job", StringComparison.Ordinal) ? type.Name[..^3] : type.Name;
}
