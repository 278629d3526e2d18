using System.Buffers.Binary;
using SkiaSharp;

namespace Bot.Tests.Reports;

/// <summary>What a test can read from a chart's bytes: the PNG header, and its pixels to look for colours where they belong.</summary>
internal static class PngImage
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Asserts the PNG signature and an IHDR chunk first, and returns the width and height it declares.</summary>
    public static (int Width, int Height) Header(byte[] png)
    {
        Assert.True(png.Length > 33, "too short for a PNG");
        Assert.Equal(Signature, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    /// <summary>How many pixels in the rectangle are close to <paramref name="colour"/> (anti-aliased edges aside).</summary>
    public static int Count(byte[] png, SKRectI area, Func<SKColor, bool> colour)
    {
        using var bitmap = SKBitmap.Decode(png);
        var count = 0;
        for (var y = area.Top; y < area.Bottom; y++)
            for (var x = area.Left; x < area.Right; x++)
                if (colour(bitmap.GetPixel(x, y)))
                    count++;
        return count;
    }

    public static bool Dark(SKColor c) => c.Red < 100 && c.Green < 100 && c.Blue < 100;

    public static Func<SKColor, bool> Near(string hex)
    {
        var target = SKColor.Parse(hex);
        return c => Math.Abs(c.Red - target.Red) + Math.Abs(c.Green - target.Green) + Math.Abs(c.Blue - target.Blue) < 40;
    }
}
