using System.Text;
using Bot.Host.WeCom.Crypto;

namespace Bot.Tests.WeCom;

/// <summary>The published vectors from ../shared/wecom-spec.md §1.8.</summary>
public sealed class WeComCryptoTests
{
    private const string VectorACipher =
        "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==";

    private static readonly WeComCrypto VectorA = new("QDG6eK", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", "wx5823bf96d3bd56c7");

    private static readonly WeComCrypto VectorC = new("123456", "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR", "wx49f0ab532d5d035a");

    [Fact]
    public void VectorA_PostSignatureAndDecrypt_MatchOfficialSample()
    {
        Assert.True(VectorA.VerifySignature("477715d11cdb4164915debcba66cb864d751f3e6", "1409659813", "1372623149", VectorACipher));

        var plain = VectorA.Decrypt(VectorACipher);

        Assert.Equal("<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n<FromUserName><![CDATA[mycreate]]></FromUserName>\n<CreateTime>1409659813</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[hello]]></Content>\n<MsgId>4561255354251345929</MsgId>\n<AgentID>218</AgentID>\n</xml>", plain);
    }

    [Fact]
    public void VectorA_UrlVerification_ReturnsEchoPlaintext()
    {
        const string echo = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";

        Assert.True(VectorA.VerifySignature("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "1409659589", "263014780", echo));
        Assert.Equal("1616140317555161061", VectorA.Decrypt(echo));
    }

    [Fact]
    public void VectorB_Signature_Matches()
    {
        const string cipher = "Q/jUxIL3/jRaFeTKesIr1QSq2SOEApDqlzcRrRM6Jlk4EbMBns3plPOR/W3gThOEq+zYI42fNSoIUb3cQwt9zyD1aLU/7D3WNLute7LQ9LSHjZEfVmx5zcIR9zvrUWGjhe1whTPH4e1WR6vbOYs8o/bDRF0vX/NcE4XK7P83Y6CzQiJoKbjVCne84s0zcw5eh+ZUDB55eaDHPSoS7kAC8kB00pfBoDF0jyfc8CUKLW97e72vJGyUWjZ0BvYN+R+tFjMgEzg/EN1imuuFnf40DMAcvB6y+C97TuaWjpgfRdowGWzn10JAFNukRfQqjdA0e2bfczJ7+t9w/t8/XSMADJOt1xbnP+I5cRX/r7ueBGmG/6ejP3myO9yTXHdujGvwrXHuWw+J7qD4VoUVjbm2vQ1qQKbrweKssr6O+3XSbanZ5R3n26EpN/gfgX+r6rcGViqsFop9Ai9xMnfJUubB6Q==";
        var crypto = new WeComCrypto("ovAkP0Tb", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", "");

        Assert.Equal("8128e41a38892d814e4aa67753425da9dc8ec2b3", crypto.Sign("1628737717", "1811081856", cipher));
    }

    [Fact]
    public void VectorC_EchoAndDecrypt_AndWrongNonceFails()
    {
        const string echo = "4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==";
        Assert.True(VectorC.VerifySignature("dd6b9c95b495b3f7e2901bfbc76c664930ffdb96", "1411443780", "437374425", echo));
        Assert.False(VectorC.VerifySignature("dd6b9c95b495b3f7e2901bfbc76c664930ffdb96", "1411443780", "437374424", echo));
        Assert.Equal("5927782489442352469", VectorC.Decrypt(echo));

        const string cipher = "RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDXzF6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0=";
        Assert.True(VectorC.VerifySignature("74d92dfeb87ba7c714f89d98870ae5eb62dff26d", "1411525903", "461056294", cipher));
        var plain = VectorC.Decrypt(cipher);
        Assert.Contains("<FromUserName><![CDATA[messense]]></FromUserName>", plain);
        Assert.Contains("<MsgId>4363689963896700987</MsgId>", plain);
    }

    [Fact]
    public void VectorC_EncryptWithFixedPrefix_ReproducesPublishedCipherAndSignature()
    {
        var plain = string.Join("\n",
            "<xml>", "<MsgType><![CDATA[text]]></MsgType>", "<Content><![CDATA[test]]></Content>",
            "<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>", "<ToUserName><![CDATA[messense]]></ToUserName>",
            "<AgentID>1</AgentID>", "<CreateTime>1411525903</CreateTime>", "</xml>");

        var cipher = VectorC.Encrypt(plain, Encoding.ASCII.GetBytes("1234567890123456"));

        Assert.Equal("9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk+j3nba4HMOTzHrluLBYqxgNcBqGsL8GqxlhZgURnAtObvesEl5nZ+uBE8bviY0LWke8Zy9V/QYKxNV2FqllNXcfmstttyIkMKCCmVbCFM2JTF5wY0nFhHZSjPUL2Q1qvSUCUld+/WIXrx0oyKQmpB6o8NRrrNrsDf03oxI1p9FxUgMnwKKZeOA/uu+2IEvEBtb7muXsVbwbgX05UPPJvFurDXafG0RQyPR+mf1nDnAtQmmNOuiR5MIkdQ39xn1vWwi1O5oazPoQJz0nTYjxxEE8kv3kFxtAGVRe3ypD3WeK2XeFYFMNMpatF9XiKzHo3", cipher);
        Assert.Equal("407518b7649e86ef23978113f92d27afa9296533", VectorC.Sign("1411525903", "461056294", cipher));
    }

    [Theory]
    [InlineData("")]
    [InlineData("中文消息，含 emoji 😀")]
    [InlineData("exactly-aligned-message-32bytes!")]
    public void EncryptDecrypt_RoundTrip_IncludingAlignedAndEmptyReceiveId(string message)
    {
        var aiBot = new WeComCrypto("tok", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", "");

        Assert.Equal(message, VectorA.Decrypt(VectorA.Encrypt(message)));
        Assert.Equal(message, aiBot.Decrypt(aiBot.Encrypt(message)));
    }

    [Fact]
    public void Decrypt_ForAnotherCorp_IsRejected()
    {
        var other = new WeComCrypto("QDG6eK", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", "wwSOMEOTHERCORP");

        var error = Assert.Throws<WeComCryptoException>(() => other.Decrypt(VectorACipher));
        Assert.Equal(WeComCryptoError.ReceiveIdMismatch, error.Error);
    }

    [Theory]
    [InlineData("not base64!!")]
    [InlineData("AAAA")]
    public void Decrypt_Garbage_IsRejectedNotCrashed(string cipher) =>
        Assert.Throws<WeComCryptoException>(() => VectorA.Decrypt(cipher));
}
