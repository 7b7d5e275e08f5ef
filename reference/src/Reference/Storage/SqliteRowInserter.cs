using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Reference.Storage;

/// <summary>
/// Inserts call records into SQLite through the engine's own calls: statements prepared once per connection, bound by
/// position, stepped and reset. Rows go <see cref="RowsPerStatement"/> to a statement: each execution opens a cursor
/// on the table and on each of its four indexes, which cost as much as a row. Text is bound as UTF-8 from one buffer
/// reused for every value, not converted into a new array per value as binding a string does. The ADO.NET command cost
/// some 8 µs a row in binding by name and building a reader for each execution, more than the row itself.
/// </summary>
internal sealed class SqliteRowInserter : IDisposable
{
    public const int RowsPerStatement = 64;

    private const int ColumnCount = 9;

    private sqlite3? _handle;
    private sqlite3_stmt? _one;
    private sqlite3_stmt? _many;
    private byte[] _text = new byte[256];

    public void Insert(SqliteConnection connection, ArraySegment<CallRecord> batch)
    {
        Prepare(connection);
        var rows = batch.AsSpan();
        while (rows.Length >= RowsPerStatement)
        {
            Execute(connection, _many!, rows[..RowsPerStatement]);
            rows = rows[RowsPerStatement..];
        }

        foreach (ref readonly var row in rows)
        {
            Execute(connection, _one!, new ReadOnlySpan<CallRecord>(in row));
        }
    }

    public void Dispose()
    {
        _one?.Dispose();
        _many?.Dispose();
        _one = _many = null;
        _handle = null;
    }

    private void Execute(SqliteConnection connection, sqlite3_stmt statement, ReadOnlySpan<CallRecord> rows)
    {
        var p = 1;
        foreach (ref readonly var r in rows)
        {
            Check(connection, raw.sqlite3_bind_int64(statement, p, CallRecordWriter.Microseconds(r.At)));
            Text(connection, statement, p + 1, CallRecordWriter.RealmCode(r.Realm));
            Text(connection, statement, p + 2, r.Trunk);
            Text(connection, statement, p + 3, r.Calling);
            Text(connection, statement, p + 4, r.Called);
            Text(connection, statement, p + 5, r.OrigId);
            Text(connection, statement, p + 6, r.CallId);
            Text(connection, statement, p + 7, r.Decision);
            Text(connection, statement, p + 8, r.Reason);
            p += ColumnCount;
        }

        var done = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (done != raw.SQLITE_DONE)
        {
            Check(connection, done);
        }
    }

    private void Text(SqliteConnection connection, sqlite3_stmt statement, int index, string? value)
    {
        // An empty span binds NULL (its pointer is null): the empty string goes the slow way, as a string.
        if (string.IsNullOrEmpty(value))
        {
            Check(connection, value is null ? raw.sqlite3_bind_null(statement, index) : raw.sqlite3_bind_text(statement, index, value));
            return;
        }

        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (most > _text.Length)
        {
            _text = new byte[most];
        }

        var length = Encoding.UTF8.GetBytes(value, _text);
        Check(connection, raw.sqlite3_bind_text(statement, index, _text.AsSpan(0, length)));
    }

    private void Prepare(SqliteConnection connection)
    {
        if (_one is not null && ReferenceEquals(_handle, connection.Handle))
        {
            return;
        }

        Dispose();
        _handle = connection.Handle;
        // A statement of many rows keeps a statement journal (to undo its own rows should one fail): in a file by default,
        // created and deleted every few statements; in memory it costs the writer a sixth less. The connection is the
        // writer's own.
        Check(connection, raw.sqlite3_exec(_handle, "PRAGMA temp_store=MEMORY"));

        // The table and its five indexes grow at their ends, a megabyte or more a second: the default 2 MB of cache let
        // the pages a batch ends on go before the next batch, which read them back.
        Check(connection, raw.sqlite3_exec(_handle, "PRAGMA cache_size=-32000"));

        _one = Prepared(connection, 1);
        _many = Prepared(connection, RowsPerStatement);
    }

    private static sqlite3_stmt Prepared(SqliteConnection connection, int rows)
    {
        var sql = new StringBuilder($"INSERT INTO call_records ({CallRecordWriter.Columns}) VALUES ");
        for (var i = 0; i < rows; i++)
        {
            sql.Append(i == 0 ? "(" : ", (");
            for (var c = 1; c <= ColumnCount; c++)
            {
                sql.Append(c == 1 ? "?" : ", ?").Append((i * ColumnCount + c).ToString(CultureInfo.InvariantCulture));
            }

            sql.Append(')');
        }

        Check(connection, raw.sqlite3_prepare_v2(connection.Handle, sql.ToString(), out var statement));
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
