using Bot.Conversations.Understanding;
using Bot.Conversations.Understanding.Evaluation;

namespace Bot.Tests.Conversations.Understanding;

public sealed class CalibrationTests
{
    [Fact]
    public void ExpectedError_SizeWeightedGapBetweenEachBinsShareRightAndItsMeanProbability()
    {
        var calibration = new Calibration();
        // Bin 0.9–1.0: mean probability 0.9, half right. Bin 0.5–0.6: 0.55, all right.
        calibration.Add(Intent.FunnelReport, 0.9f, right: true);
        calibration.Add(Intent.FunnelReport, 0.9f, right: false);
        calibration.Add(Intent.QueryTier, 0.55f, right: true);

        Assert.Equal((2 / 3.0 * 0.4) + (1 / 3.0 * 0.45), calibration.ExpectedError, 5);
    }

    [Fact]
    public void ExpectedError_ProbabilitiesThatMatchTheHitRate_Zero()
    {
        var calibration = new Calibration();
        for (var i = 0; i < 4; i++)
            calibration.Add(Intent.MyTasks, 0.75f, right: i < 3);
        calibration.Add(Intent.MyTasks, 1f, right: true);

        Assert.Equal(0, calibration.ExpectedError, 5);
    }

    [Fact]
    public void BelowWrite_OnlyWritingIntentsUnderTheWriteThreshold()
    {
        var calibration = new Calibration();
        calibration.Add(Intent.LogInteraction, 0.7f, right: true);
        calibration.Add(Intent.UpdateStage, 0.79f, right: false);
        calibration.Add(Intent.LogInteraction, MessageParser.SureIntent, right: true);
        calibration.Add(Intent.QueryCustomer, 0.3f, right: false);

        Assert.Equal((2, 1), calibration.BelowWrite);
        Assert.Equal((1, 1), calibration.AtOrAboveWrite);
        Assert.Contains("writes read below 0.80 (confirmed first): 50.0 % right of 2; at or above: 100.0 % right of 1", calibration.Report("dev"));
    }
}
