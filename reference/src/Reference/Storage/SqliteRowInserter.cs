using System.Buffers.Binary;
using System.Data.Common;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Reference.Storage;

/// <summary>
/// Inserts call records into SQLite through the engine's own calls: statements prepared once per connection, bound by
/// position, stepped and reset. Rows go <see cref="RowsPerStatement"/> to a statement: each execution opens a cursor
/// on the table and on each of its indexes, which cost as much as a row. The ADO.NET command cost some 8 µs a row in
/// binding by name and building a reader for each execution, more than the row itself.
/// <para>
/// A statement's text values are encoded one after another into one pinned buffer and bound where they lie, the
/// engine told not to copy them (they stay put until the statement has run): binding through the library's wrapper
/// copied each value into memory the engine allocated and freed, and took and released the statement's handle, for
/// each of a row's nine values, which cost the writer more than the rows' B-tree work. Records from the journal are
/// bound where the journal holds them, in UTF-8 already (<see cref="CallRecordBytes"/>): no buffer, no encoding. The
/// realm, decision and reason go as their codes (<see cref="CallRecordCodes"/>).
/// </para>
/// </summary>
internal sealed class SqliteRowInserter : IDisposable
{
    public const int RowsPerStatement = 64;

    private const int ColumnCount = 9;

    // SQLITE_STATIC: the engine reads the value where it lies and keeps no copy.
    private static readonly IntPtr Static = IntPtr.Zero;

    private sqlite3? _handle;
    private sqlite3_stmt? _one;
    private sqlite3_stmt? _many;
    private byte[] _text = GC.AllocateUninitializedArray<byte>(16 * 1024, pinned: true);

    public void Insert(DbTransaction tx, SqliteConnection connection, ArraySegment<CallRecord> batch, CallRecordCodes codes)
    {
        Prepare(connection);
        var rows = batch.AsSpan();
        while (rows.Length >= RowsPerStatement)
        {
            Execute(tx, connection, _many!, rows[..RowsPerStatement], codes);
            rows = rows[RowsPerStatement..];
        }

        foreach (ref readonly var row in rows)
        {
            Execute(tx, connection, _one!, new ReadOnlySpan<CallRecord>(in row), codes);
        }
    }

    /// <summary>Records where the journal holds them: bound from there, the engine reading them before this returns.</summary>
    public void Insert(DbTransaction tx, SqliteConnection connection, ArraySegment<CallRecordBytes> batch, CallRecordCodes codes)
    {
        Prepare(connection);
        var rows = batch.AsSpan();
        while (rows.Length >= RowsPerStatement)
        {
            Execute(tx, connection, _many!, rows[..RowsPerStatement], codes);
            rows = rows[RowsPerStatement..];
        }

        foreach (ref readonly var row in rows)
        {
            Execute(tx, connection, _one!, new ReadOnlySpan<CallRecordBytes>(in row), codes);
        }
    }

    public void Dispose()
    {
        _one?.Dispose();
        _many?.Dispose();
        _one = _many = null;
        _handle = null;
    }

    private void Execute(DbTransaction tx, SqliteConnection connection, sqlite3_stmt statement, ReadOnlySpan<CallRecord> rows, CallRecordCodes codes)
    {
        // Room for every value first: the buffer must not be replaced while values bound in it wait for the step.
        var most = 0;
        foreach (ref readonly var r in rows)
        {
            most += Most(r.Trunk) + Most(r.Calling) + Most(r.Called) + Most(r.OrigId) + Most(r.CallId) + 16;
        }

        if (most > _text.Length)
        {
            _text = GC.AllocateUninitializedArray<byte>(Math.Max(most, _text.Length * 2), pinned: true);
        }

        var handle = statement.DangerousGetHandle();
        var at = 0;
        var p = 1;
        foreach (ref readonly var r in rows)
        {
            Check(connection, BindInt64(handle, p, CallRecordWriter.Microseconds(r.At)));
            Check(connection, BindInt64(handle, p + 1, codes.Of(tx, r.Realm)));
            Text(connection, handle, p + 2, r.Trunk, ref at);
            Text(connection, handle, p + 3, r.Calling, ref at);
            Text(connection, handle, p + 4, r.Called, ref at);
            Text(connection, handle, p + 5, r.OrigId, ref at);
            Text(connection, handle, p + 6, r.CallId, ref at);
            Check(connection, BindInt64(handle, p + 7, codes.Of(tx, r.Decision)));
            Check(connection, BindInt64(handle, p + 8, codes.Of(tx, r.Reason)));
            p += ColumnCount;
        }

        var done = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (done != raw.SQLITE_DONE)
        {
            Check(connection, done);
        }

        GC.KeepAlive(_text);
    }

    private static void Execute(DbTransaction tx, SqliteConnection connection, sqlite3_stmt statement, ReadOnlySpan<CallRecordBytes> rows, CallRecordCodes codes)
    {
        var handle = statement.DangerousGetHandle();
        var p = 1;
        foreach (ref readonly var r in rows)
        {
            var payload = r.Payload;
            Check(connection, BindInt64(handle, p, BinaryPrimitives.ReadInt64LittleEndian(payload)));
            Check(connection, BindInt64(handle, p + 1, codes.Of(tx, (Screening.Realm)payload[8])));

            // Each text where it lies in the journal: its length before it, none (NULL) for an absent trunk or origid.
            var at = CallRecordBytes.FirstText;
            for (var text = 0; text < CallRecordBytes.DecisionText; text++)
            {
                Check(connection, CallRecordBytes.NextText(payload, ref at, out var length)
                    ? BindText(handle, p + 2 + text, r.Address + at - length, length, Static)
                    : BindNull(handle, p + 2 + text));
            }

            // The decision and the reason, never absent, as their codes.
            for (var text = CallRecordBytes.DecisionText; text < CallRecordBytes.Texts; text++)
            {
                CallRecordBytes.NextText(payload, ref at, out var length);
                Check(connection, BindInt64(handle, p + 2 + text, codes.Of(tx, payload.Slice(at - length, length))));
            }

            p += ColumnCount;
        }

        var done = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (done != raw.SQLITE_DONE)
        {
            Check(connection, done);
        }
    }

    private static int Most(string? value) => value is null ? 0 : Encoding.UTF8.GetMaxByteCount(value.Length);

    private void Text(SqliteConnection connection, IntPtr statement, int index, string? value, ref int at)
    {
        if (value is null)
        {
            Check(connection, BindNull(statement, index));
            return;
        }

        // A pointer into the buffer even for an empty value: a null pointer would bind NULL.
        var length = Encoding.UTF8.GetBytes(value, _text.AsSpan(at));
        Check(connection, BindText(statement, index, Marshal.UnsafeAddrOfPinnedArrayElement(_text, at), length, Static));
        at += length;
    }

    private void Prepare(SqliteConnection connection)
    {
        if (_one is not null && ReferenceEquals(_handle, connection.Handle))
        {
            return;
        }

        Dispose();
        _handle = connection.Handle;
        // Should a statement need a journal of its own after all, in memory: the connection is the writer's own. Only a
        // preference: the engine refuses it once the connection has opened its temporary database (a migration's
        // statements may have), inside the batch's transaction, and the rows go in as well without it.
        _ = raw.sqlite3_exec(_handle, "PRAGMA temp_store=MEMORY");

        // The table and its indexes grow at their ends, a megabyte or more a second: the default 2 MB of cache let
        // the pages a batch ends on go before the next batch, which read them back.
        Check(connection, raw.sqlite3_exec(_handle, "PRAGMA cache_size=-32000"));

        _one = Prepared(connection, 1);
        _many = Prepared(connection, RowsPerStatement);
    }

    private static sqlite3_stmt Prepared(SqliteConnection connection, int rows)
    {
        // OR FAIL: a statement of many rows that may abort keeps a journal of its own, a copy of every page it changes, to
        // undo its own rows should one fail; the writer rolls the whole batch back then anyway. That copying cost the
        // writer more than a fifth of its time.
        var sql = new StringBuilder($"INSERT OR FAIL INTO call_records ({CallRecordWriter.Columns}) VALUES ");
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
    internal static void Check(SqliteConnection connection, int rc)
    {
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
        {
            throw new SqliteException(raw.sqlite3_errmsg(connection.Handle).utf8_to_string(), rc);
        }
    }

    // The engine the library loaded (the same name resolves to the same file): binding is a few stores into the
    // statement, nothing that blocks or calls back, so the calls skip the runtime's transition out of managed code.
    [DllImport("e_sqlite3", EntryPoint = "sqlite3_bind_text", ExactSpelling = true)]
    [SuppressGCTransition]
    private static extern int BindText(IntPtr statement, int index, IntPtr text, int length, IntPtr destructor);

    [DllImport("e_sqlite3", EntryPoint = "sqlite3_bind_int64", ExactSpelling = true)]
    [SuppressGCTransition]
    private static extern int BindInt64(IntPtr statement, int index, long value);

    [DllImport("e_sqlite3", EntryPoint = "sqlite3_bind_null", ExactSpelling = true)]
    [SuppressGCTransition]
    private static extern int BindNull(IntPtr statement, int index);
}
