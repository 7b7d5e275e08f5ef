using Microsoft.Data.Sqlite;
using Npgsql;
using Reference.Storage;

namespace Reference.Access;

/// <summary>Opens the api_keys table in the store configuration section Storage names (see <see cref="DirectoryStores"/>).</summary>
public static class ApiKeyStores
{
    public static IApiKeyStore From(IConfiguration storage)
    {
        if (storage["PostgreSql"] is { Length: > 0 } postgres)
        {
            var builder = new NpgsqlConnectionStringBuilder(postgres);
            return new SqlApiKeyStore(new NpgsqlConnection(builder.ConnectionString), $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}");
        }

        var path = storage["Sqlite"] is { Length: > 0 } configured ? configured : DirectoryStores.DefaultSqliteFile;
        var memory = path == ":memory:";
        var sqlite = new SqliteConnectionStringBuilder
        {
            DataSource = memory ? ":memory:" : Path.GetFullPath(path),
            Mode = memory ? SqliteOpenMode.Memory : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        };
        return new SqlApiKeyStore(new SqliteConnection(sqlite.ConnectionString), memory ? "SQLite in memory" : $"SQLite file {sqlite.DataSource}");
    }
}
