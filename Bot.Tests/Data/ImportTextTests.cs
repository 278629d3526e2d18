using System.Text;
using Bot.Data.Import;

namespace Bot.Tests.Data;

public sealed class ImportTextTests
{
    static ImportTextTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public void Decode_GbkFileWithALineThatIsValidUtf8ByAccident_ReadAsGbkEveryRowIntact()
    {
        // 伟业 in GBK is CEB0 D2B5: also two well-formed UTF-8 characters.
        const string text = "客户名称,负责人\n伟业,zhangwei\n星辰网络,lina\n华东精密,wangqiang\n";
        Assert.True(IsUtf8(Encoding.GetEncoding("GBK").GetBytes("伟业")));

        var decoded = ImportText.Decode(Encoding.GetEncoding("GBK").GetBytes(text));

        Assert.Equal(("GBK", text, 0), (decoded.EncodingName, decoded.Text, decoded.Undecodable.Count));
    }

    [Fact]
    public void Decode_Utf8FileWithOneGbkLine_Utf8KeptThatLineNamed()
    {
        byte[] file = [.. Encoding.UTF8.GetBytes("客户名称,负责人\n星辰网络,李娜\n"), .. Encoding.GetEncoding("GBK").GetBytes("海川医疗,张伟\n"),
            .. Encoding.UTF8.GetBytes("华东精密,王强\n")];

        var decoded = ImportText.Decode(file);

        Assert.Equal(("UTF-8", "客户名称,负责人\n星辰网络,李娜\n\n华东精密,王强\n"), (decoded.EncodingName, decoded.Text));
        Assert.Equal([3], decoded.Undecodable);
    }

    private static bool IsUtf8(byte[] bytes)
    {
        try
        {
            new UTF8Encoding(false, true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
