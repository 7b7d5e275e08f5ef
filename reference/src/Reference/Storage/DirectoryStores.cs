using Microsoft.Data.Sqlite;
using Npgsql;

namespace Reference.Storage;

/// <summary>
/// Chooses the durable store from configuration section Storage: PostgreSQL when Storage:PostgreSql holds a
/// connection string, else the SQLite file Storage:Sqlite (default reference.db in the working directory;
/// ":memory:" keeps nothing across restarts).
/// </summary>
public static class DirectoryStores
{
    public const string DefaultSqliteFile = "reference.db";

    public static IDirectoryStore From(IConfiguration storage)
    {
        if (storage["PostgreSql"] is { Length: > 0 } postgres)
        {
            return PostgreSql(postgres);
        }

        return Sqlite(storage["Sqlite"] is { Length: > 0 } path ? path : DefaultSqliteFile);
    }

    public static SqlDirectoryStore Sqlite(string path)
    {
        var memory = path == ":memory:";
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = memory ? ":memory:" : Path.GetFullPath(path),
            Mode = memory ? SqliteOpenMode.Memory : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            ForeignKeys = true,
        };
        // WAL with NORMAL sync: a committed request survives a crash of the node; only an OS crash may lose the last one.
        string[] setUp = memory ? [] : ["PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL"];
        return new SqlDirectoryStore(new SqliteConnection(builder.ConnectionString), memory ? "SQLite in memory" : $"SQLite file {builder.DataSource}", setUp);
    }

    public static SqlDirectoryStore PostgreSql(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new StorageException($"Storage:PostgreSql is not a connection string such as \"Host=127.0.0.1;Port=5432;Username=node;Database=reference\": {ex.Message}", ex);
        }

        // The description names where the data lives, never the password.
        return new SqlDirectoryStore(new NpgsqlConnection(builder.ConnectionString), $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}", rowsPerInsert: 1000);
    }
}
