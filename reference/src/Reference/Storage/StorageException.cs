using Microsoft.Data.Sqlite;
using Npgsql;

namespace Reference.Storage;

/// <summary>The durable store could not read or write; the message names the store and what failed.</summary>
public sealed class StorageException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>
    /// The write broke a unique index: a row another writer (another node on the same store) committed first holds the
    /// key. The engine's own codes, SQLite's SQLITE_CONSTRAINT_UNIQUE and PostgreSQL's 23505, not its message.
    /// </summary>
    public bool IsUniqueViolation => InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode == SqliteUniqueConstraint,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    private const int SqliteUniqueConstraint = 2067;
}
