using System.Xml;

namespace Bot.Host.WeCom.Callback;

/// <summary>
/// Reads WeCom's flat XML with DTDs prohibited and no resolver, so XXE and entity-expansion
/// ("billion laughs") payloads fail at the parser instead of reaching anything.
/// </summary>
public static class SafeXml
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = 1024 * 1024,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
    };

    /// <summary>The root's child elements by name; nested elements are flattened as Parent.Child.</summary>
    public static bool TryParse(string xml, out Dictionary<string, string> fields)
    {
        fields = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), Settings);
            reader.MoveToContent();
            if (reader.NodeType != XmlNodeType.Element)
                return false;
            var path = new Stack<string>();
            var depth = reader.Depth;
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element when !reader.IsEmptyElement:
                        path.Push(reader.Name);
                        break;
                    case XmlNodeType.Element:
                        fields.TryAdd(Join(path, reader.Name), "");
                        break;
                    case XmlNodeType.EndElement when reader.Depth > depth:
                        path.Pop();
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA when path.Count > 0:
                        var key = string.Join('.', path.Reverse());
                        fields[key] = fields.TryGetValue(key, out var existing) ? existing + "|" + reader.Value : reader.Value;
                        break;
                }
            }
            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }

    private static string Join(Stack<string> path, string name) => path.Count == 0 ? name : string.Join('.', path.Reverse()) + "." + name;
}
