using System.ComponentModel.DataAnnotations;

namespace Bot.Conversations.Targets;

/// <summary>
/// Section <c>Forecast</c>: how likely an open deal in each stage is to sign, for the weighted pipeline. The guides
/// give no figures; the defaults (潜在 10%, 意向 30%, 洽谈 60%) are the common B2B rule of thumb and are meant to be
/// replaced by the company's own win rates.
/// </summary>
public sealed class ForecastOptions
{
    public const string Section = "Forecast";

    [Range(0.0, 1.0)]
    public double Lead { get; set; } = 0.1;

    [Range(0.0, 1.0)]
    public double Qualified { get; set; } = 0.3;

    [Range(0.0, 1.0)]
    public double Negotiation { get; set; } = 0.6;

    public double Probability(Customers.FunnelStage stage) => stage switch
    {
        Customers.FunnelStage.Lead => Lead,
        Customers.FunnelStage.Qualified => Qualified,
        Customers.FunnelStage.Negotiation => Negotiation,
        Customers.FunnelStage.Won => 1,
        _ => 0,
    };
}
