using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Bot.Sandbox.Emulator;

/// <summary>WeCom's callback XML: strings in CDATA, numbers bare, one element a line as in the official samples.</summary>
public static class CallbackXml
{
    public static string Build(params IEnumerable<(string Name, object? Value)> fields)
    {
        var xml = new StringBuilder("<xml>");
        foreach (var (name, value) in fields)
        {
            if (value is null)
                continue;
            xml.Append('<').Append(name).Append('>');
            xml.Append(value is string text ? Cdata(text) : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
            xml.Append("</").Append(name).Append(">\n");
        }
        return xml.Append("</xml>").ToString();
    }

    /// <summary>"]]>" cannot appear inside CDATA, so it is split across two sections.</summary>
    public static string Cdata(string text) => "<![CDATA[" + text.Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal) + "]]>";

    /// <summary>Reads the direct children of &lt;xml&gt; with DTDs refused, as a WeCom endpoint should.</summary>
    public static Dictionary<string, string> Parse(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var root = XDocument.Load(reader).Root ?? throw new XmlException("no root element");
        return root.Elements().GroupBy(e => e.Name.LocalName).ToDictionary(g => g.Key, g => g.First().Value);
    }
}
