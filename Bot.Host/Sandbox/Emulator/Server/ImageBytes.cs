namespace Bot.Sandbox.Emulator;

/// <summary>Tells the two picture formats WeCom takes by their first bytes, as WeCom does rather than by file name.</summary>
public static class ImageBytes
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpgSignature = [0xFF, 0xD8, 0xFF];

    public static bool IsPng(ReadOnlySpan<byte> content) => content.StartsWith(PngSignature);

    public static bool IsJpgOrPng(ReadOnlySpan<byte> content) => IsPng(content) || content.StartsWith(JpgSignature);
}
