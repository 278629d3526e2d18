using System.Net.Sockets;
using Dapper;
using Npgsql;

namespace Bot.Host.Doctor;

/// <summary>
/// PostgreSQL: reachable, UTF8, and a character-type locale under which Chinese is made of letters. Customer names
/// are fuzzy-searched through a pg_trgm index (migration 0001); pg_trgm builds trigrams from letters and digits
/// only, and under LC_CTYPE C or POSIX every character beyond ASCII counts as neither, so Chinese names yield no
/// trigrams at all. Any UTF-8 locale (C.UTF-8, zh_CN.UTF-8, en_US.UTF-8) classifies 汉字 as letters. Sorting
/// (LC_COLLATE) only orders lists and is not checked.
/// </summary>
public sealed class DatabaseCheck(NpgsqlDataSource dataSource) : IDoctorCheck
{
    private const string SettingsSql = """
        select current_setting('server_version') as version, current_setting('server_encoding') as encoding,
               current_setting('lc_ctype') as ctype, exists (select 1 from pg_extension where extname = 'pg_trgm') as has_trgm
        """;

    // A company name as reps type it; under a C ctype show_trgm returns an empty array for it.
    private const string ChineseTrigramsSql = "select cardinality(show_trgm('星辰网络'))";

    public string Subject => "数据库";

    private sealed record Settings(string Version, string Encoding, string Ctype, bool HasTrgm);

    public async Task<IReadOnlyList<DoctorLine>> RunAsync(CancellationToken ct)
    {
        var where = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString) is var b ? $"{b.Host}:{b.Port}/{b.Database}" : "";
        Settings settings;
        int? trigrams = null;
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            settings = await connection.QuerySingleAsync<Settings>(new CommandDefinition(SettingsSql, cancellationToken: ct));
            if (settings.HasTrgm)
                trigrams = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(ChineseTrigramsSql, cancellationToken: ct));
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException)
        {
            return [DoctorLine.Failed(Subject, $"连不上 {where}（{ex.Message}）——检查 Database:ConnectionString，以及 PostgreSQL 是否在运行")];
        }

        var version = settings.Version.Split(' ')[0];
        if (settings.Encoding != "UTF8")
            return [DoctorLine.Failed(Subject, $"{where} 的编码是 {settings.Encoding}，存不了中文——用 UTF8 重建数据库（createdb -E UTF8 --locale=C.UTF-8 -T template0）")];
        var connected = DoctorLine.Ok(Subject, $"可连接（PostgreSQL {version}，编码 UTF8）");
        const string search = "中文搜索";
        if (settings.Ctype is "C" or "POSIX" || trigrams == 0)
            return [connected, DoctorLine.Failed(search,
                $"数据库的 LC_CTYPE 是 {settings.Ctype}，汉字不算字母，客户名的模糊搜索索引（pg_trgm）找不到中文——用 UTF-8 locale 重建数据库（createdb -E UTF8 --locale=C.UTF-8 -T template0）")];
        return [connected, DoctorLine.Ok(search, trigrams is null
            ? $"LC_CTYPE {settings.Ctype}，汉字可以被索引（pg_trgm 在 migrate 时安装）"
            : $"LC_CTYPE {settings.Ctype}，pg_trgm 能切分汉字")];
    }
}
