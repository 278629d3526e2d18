using Bot.Conversations.Understanding;
using Bot.Conversations.Understanding.Text;

namespace Bot.Tests.Conversations;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("刚給星辰的李總打了電話，他嫌貴", "刚给星辰的李总打了电话,他嫌贵")]
    [InlineData("ＡＢＣ　公司１２３", "ABC 公司123")]
    [InlineData("签了😀🎉！", "签了!")]
    [InlineData("  下周三   再跟进 ", "下周三 再跟进")]
    public void Normalize_PhoneTyping_OneSpelling(string text, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(text));
}
