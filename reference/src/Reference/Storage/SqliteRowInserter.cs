using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Reference.Storage;

/// <summary>
/// Inserts call records into SQLite through the engine's own calls: one statement prepared per connection, bound by
/// position, stepped and reset per row. The ADO.NET command costs some 8 µs a row in binding by name and building a
/// reader for each execution, more than the row itself; this is what the intercept path can afford.
/// </summary>
internal sealed class SqliteRowInserter : IDisposable
{
    private sqlite3? _handle;
    private sqlite3_stmt? _statement;

    public void Insert(SqliteConnection connection, List<CallRecord> batch)
    {
        var statement = Statement(connection);
        foreach (var r in batch)
        {
            Check(connection, raw.sqlite3_bind_int64(statement, 1, CallRecordWriter.Microseconds(r.At)));
            Check(connection, raw.sqlite3_bind_text(statement, 2, CallRecordWriter.RealmCode(r.Realm)));
            Check(connection, r.Trunk is null ? raw.sqlite3_bind_null(statement, 3) : raw.sqlite3_bind_text(statement, 3, r.Trunk));
            Check(connection, raw.sqlite3_bind_text(statement, 4, r.Calling));
            Check(connection, raw.sqlite3_bind_text(statement, 5, r.Called));
            Check(connection, r.OrigId is null ? raw.sqlite3_bind_null(statement, 6) : raw.sqlite3_bind_text(statement, 6, r.OrigId));
            Check(connection, raw.sqlite3_bind_text(statement, 7, r.CallId));
            Check(connection, raw.sqlite3_bind_text(statement, 8, r.Decision));
            Check(connection, raw.sqlite3_bind_text(statement, 9, r.Reason));
            var done = raw.sqlite3_step(statement);
            raw.sqlite3_reset(statement);
            if (done != raw.SQLITE_DONE)
            {
                Check(connection, done);
            }
        }
    }

    public void Dispose()
    {
        _statement?.Dispose();
        _statement = null;
        _handle = null;
    }

    private sqlite3_stmt Statement(SqliteConnection connection)
    {
        if (_statement is not null && ReferenceEquals(_handle, connection.Handle))
        {
            return _statement;
        }

        Dispose();
        _handle = connection.Handle;
        Check(connection, raw.sqlite3_prepare_v2(_handle, $"INSERT INTO call_records ({CallRecordWriter.Columns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", out var statement));
        _statement = statement;
        return statement;
    }

    // A SqliteException is a DbException: the store's Write rolls the batch back and reports it as for any other engine.
    private static void Check(SqliteConnection connection, int rc)
    {
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
        {
            throw new SqliteException(raw.sqlite3_errmsg(connection.Handle).utf8_to_string(), rc);
        }
    }
}
