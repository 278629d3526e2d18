using Bot.Conversations.Understanding;

namespace Bot.Tests.Conversations.Understanding;

/// <summary>ID and bank card numbers are masked in the form they were typed, before anything normalises the text.</summary>
public sealed class PersonalDataTests
{
    [Theory]
    [InlineData("身份证110101198001010053", "身份证[身份证号已隐去]")]
    [InlineData("身份证 110101 19800101 0053 已核对", "身份证 [身份证号已隐去] 已核对")]
    [InlineData("身份证１１０１０１１９８００１０１００５３", "身份证[身份证号已隐去]")]
    [InlineData("身份证１１０１０１　１９８００１０１　００５３", "身份证[身份证号已隐去]")]
    [InlineData("身份证１１０１０１－１９８００１０１－００５３", "身份证[身份证号已隐去]")]
    [InlineData("身份证110101–19800101–0053", "身份证[身份证号已隐去]")]
    [InlineData("他的是11010519491231002ｘ", "他的是[身份证号已隐去]")]
    [InlineData("他的是１１０１０５１９４９１２３１００２Ｘ。", "他的是[身份证号已隐去]。")]
    [InlineData("卡号６２２２０２１２３４５６７８９４", "卡号[银行卡号已隐去]")]
    [InlineData("卡号６２２２－０２１２－３４５６－７８９４", "卡号[银行卡号已隐去]")]
    [InlineData("卡号6222　0212　3456　7894", "卡号[银行卡号已隐去]")]
    [InlineData("卡号６２１７ ００１２ ３４５６ ７８９０ １２２", "卡号[银行卡号已隐去]")]
    public void Redact_NumberInAnyWidthOrSpacing_Masked(string text, string expected) =>
        Assert.Equal((expected, true), PersonalData.Redact(text));

    [Theory]
    [InlineData("电话１３８１２３４５６７８")]
    [InlineData("身份证１１０１０１１９８００１０１００５５")]
    [InlineData("卡号６２２２－０２１２－３４５６－７８９５")]
    [InlineData("２０２６－１２－０１见")]
    public void Redact_NotAnIdOrCardNumber_Unchanged(string text) =>
        Assert.Equal((text, false), PersonalData.Redact(text));
}
