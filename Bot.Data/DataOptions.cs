using System.ComponentModel.DataAnnotations;

namespace Bot.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    [Required]
    public string ConnectionString { get; set; } = "";
}

public sealed class RedisOptions
{
    public const string Section = "Redis";

    [Required]
    public string Configuration { get; set; } = "";

    /// <summary>Every key starts with this, so several deployments (or test runs) can share one Redis.</summary>
    [Required, RegularExpression("^[a-z0-9_-]+$")]
    public string KeyPrefix { get; set; } = "bot";
}
