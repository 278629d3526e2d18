using System.Text;

namespace Bot.Tests.Fixtures;

/// <summary>CSV bytes the way the field produces them: UTF-8 with or without BOM, or GBK from Excel.</summary>
public static class CsvFiles
{
    static CsvFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] Utf8WithBom(string text) => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)];

    public static byte[] Gbk(string text) => Encoding.GetEncoding("GBK").GetBytes(text);

    public static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);
}
