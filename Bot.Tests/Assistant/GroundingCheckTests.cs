using Bot.Conversations.Assistant;

namespace Bot.Tests.Assistant;

public sealed class GroundingCheckTests
{
    private static readonly string[] Material = ["客户：星辰网络科技有限公司，联系人：李伟，总经理，称呼李总", "话术：免费升级和优先售后，合同15万，3年服务，打九折以内要审批"];
    private static readonly string[] KnownNames = ["星辰网络科技有限公司", "星辰网络", "华东精密机械有限公司", "华东精密", "李伟", "刘敏"];

    [Theory]
    [InlineData("李总，我们有免费升级和优先售后。")]
    [InlineData("合同150000元，服务3年。")]
    [InlineData("合同十五万，服务三年。")]
    [InlineData("最多打九折。")]
    public void Ungrounded_OnlyFactsFromTheMaterial_Zero(string text) =>
        Assert.Equal(0, GroundingCheck.Ungrounded(text, Material, KnownNames));

    [Theory]
    [InlineData("现在签约打8折。")]
    [InlineData("再送您两个月服务。")]
    [InlineData("王总也很认可这个方案。")]
    [InlineData("华东精密也在用我们的产品。")]
    [InlineData("我们的CRM比Salesforce好用。")]
    [InlineData("合同20万。")]
    public void Ungrounded_AnInventedFact_Counted(string text) =>
        Assert.True(GroundingCheck.Ungrounded(text, Material, KnownNames) > 0);
}
