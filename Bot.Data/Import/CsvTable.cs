using CsvHelper;

namespace Bot.Data.Import;

/// <summary>One column of an import file and the header names (English or Chinese) it may go by.</summary>
public sealed record CsvColumn(string Key, bool Required, params string[] Headers);

public sealed record CsvRow(int Line, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>The trimmed cell, or null when the column is absent or the cell blank.</summary>
    public string? Get(string key) =>
        Values.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}

public sealed class CsvFormatException(string message) : Exception(message);

public static class CsvTable
{
    private static readonly CsvReaderOptions Options = CsvReaderOptions.Default with
    {
        Separator = null,
        TrackLineNumbers = true,
        TrimWhitespace = true,
        SkipEmptyLines = true,
        MalformedData = CsvMalformedDataHandling.Recover,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        MissingField = CsvMissingFieldHandling.ReturnEmpty,
    };

    /// <summary>
    /// An uploaded file's rows: its encoding and every line that could not be decoded go into <paramref name="report"/>,
    /// whose row count includes them.
    /// </summary>
    public static IReadOnlyList<CsvRow> Read(byte[] file, IReadOnlyList<CsvColumn> columns, ImportReport report)
    {
        var (text, encoding, undecodable) = ImportText.Decode(file);
        report.Encoding = encoding;
        foreach (var line in undecodable)
            report.Reject(line, ImportText.UndecodableReason);
        var rows = Read(text, columns);
        report.Rows = rows.Count + undecodable.Count;
        return rows;
    }

    /// <summary>Reads every data row; fails as a whole only when the header itself is unusable.</summary>
    public static IReadOnlyList<CsvRow> Read(string text, IReadOnlyList<CsvColumn> columns)
    {
        using var csv = CsvReader.FromText(text, Options);
        csv.ReadHeader();
        if (csv.Headers is not { Count: > 0 } header || header.All(string.IsNullOrWhiteSpace))
            throw new CsvFormatException("文件是空的，或者没有表头");

        var indexByKey = MapHeader(header, columns);
        var rows = new List<CsvRow>();
        while (csv.Read())
        {
            var values = new Dictionary<string, string>(indexByKey.Count);
            var blank = true;
            foreach (var (key, index) in indexByKey)
            {
                var cell = index < csv.FieldCount ? csv.GetString(index) : "";
                values[key] = cell;
                blank &= string.IsNullOrWhiteSpace(cell);
            }
            if (!blank)
                rows.Add(new CsvRow((int)csv.LineNumber, values));
        }
        return rows;
    }

    private static Dictionary<string, int> MapHeader(IReadOnlyList<string> header, IReadOnlyList<CsvColumn> columns)
    {
        var byName = new Dictionary<string, CsvColumn>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in columns)
        {
            byName[Normalize(column.Key)] = column;
            foreach (var name in column.Headers)
                byName[Normalize(name)] = column;
        }

        var map = new Dictionary<string, int>();
        for (var i = 0; i < header.Count; i++)
        {
            if (byName.TryGetValue(Normalize(header[i]), out var column) && !map.ContainsKey(column.Key))
                map[column.Key] = i;
        }
        var missing = columns.Where(c => c.Required && !map.ContainsKey(c.Key)).ToList();
        if (missing.Count > 0)
            throw new CsvFormatException("缺少列：" + string.Join("、", missing.Select(c => $"{c.Key}（{c.Headers.FirstOrDefault()}）")));
        return map;
    }

    /// <summary>Template headers come as "金额(元)", "*客户名称", " Name ": compare the bare word.</summary>
    private static string Normalize(string header)
    {
        var s = header.Trim().Trim('\uFEFF', '*', '＊').Replace(" ", "").Replace("_", "");
        var paren = s.IndexOfAny(['(', '（']);
        return (paren > 0 ? s[..paren] : s).ToLowerInvariant();
    }
}
