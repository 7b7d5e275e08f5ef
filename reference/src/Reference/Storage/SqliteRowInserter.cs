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
/// realm, origid, decision and reason go as their codes (<see cref="CallRecordCodes"/>).
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

    // What each integer or NULL parameter of a statement holds from its last execution (indexed by parameter number):
    // a binding survives the statement's reset, and a row's realm, decision, reason, origid and absent trunk are most
    // often the last row's, so they are bound again only when they differ. Each bind takes the connection's mutex.
    private readonly long[] _boundOne = NewBound(1);
    private readonly long[] _boundMany = NewBound(RowsPerStatement);

    // Never a code (codes are positive): nothing known to be bound, or NULL bound.
    private const long Unknown = long.MinValue;
    private const long NullBound = long.MinValue + 1;

    public void Insert(DbTransaction tx, SqliteConnection connection, ArraySegment<CallRecord> batch, CallRecordCodes codes)
    {
        Prepare(connection);
        var rows = batch.AsSpan();
        while (rows.Length >= RowsPerStatement)
        {
            Execute(tx, connection, _many!, _boundMany, rows[..RowsPerStatement], codes);
            rows = rows[RowsPerStatement..];
        }

        foreach (ref readonly var row in rows)
        {
            Execute(tx, connection, _one!, _boundOne, new ReadOnlySpan<CallRecord>(in row), codes);
        }
    }

    /// <summary>Records where the journal holds them: bound from there, the engine reading them before this returns.</summary>
    public void Insert(DbTransaction tx, SqliteConnection connection, ArraySegment<CallRecordBytes> batch, CallRecordCodes codes)
    {
        Prepare(connection);
        var rows = batch.AsSpan();
        while (rows.Length >= RowsPerStatement)
        {
            Execute(tx, connection, _many!, _boundMany, rows[..RowsPerStatement], codes);
            rows = rows[RowsPerStatement..];
        }

        foreach (ref readonly var row in rows)
        {
            Execute(tx, connection, _one!, _boundOne, new ReadOnlySpan<CallRecordBytes>(in row), codes);
        }
    }

    public void Dispose()
    {
        _one?.Dispose();
        _many?.Dispose();
        _one = _many = null;
        _handle = null;
    }

    private void Execute(DbTransaction tx, SqliteConnection connection, sqlite3_stmt statement, long[] bound, ReadOnlySpan<CallRecord> rows, CallRecordCodes codes)
    {
        // Room for every value first: the buffer must not be replaced while values bound in it wait for the step.
        var most = 0;
        foreach (ref readonly var r in rows)
        {
            most += Most(r.Trunk) + Most(r.Calling) + Most(r.Called) + Most(r.CallId) + 16;
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
            Bind(connection, handle, bound, p + 1, codes.Of(tx, r.Realm));
            Text(connection, handle, bound, p + 2, r.Trunk, ref at);
            Text(connection, handle, bound, p + 3, r.Calling, ref at);
            Text(connection, handle, bound, p + 4, r.Called, ref at);
            Bind(connection, handle, bound, p + 5, r.OrigId is null ? NullBound : codes.Of(tx, r.OrigId));
            Text(connection, handle, bound, p + 6, r.CallId, ref at);
            Bind(connection, handle, bound, p + 7, codes.Of(tx, r.Decision));
            Bind(connection, handle, bound, p + 8, codes.Of(tx, r.Reason));
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

    private static void Execute(DbTransaction tx, SqliteConnection connection, sqlite3_stmt statement, long[] bound, ReadOnlySpan<CallRecordBytes> rows, CallRecordCodes codes)
    {
        var handle = statement.DangerousGetHandle();
        var p = 1;
        foreach (ref readonly var r in rows)
        {
            var payload = r.Payload;
            Check(connection, BindInt64(handle, p, BinaryPrimitives.ReadInt64LittleEndian(payload)));
            Bind(connection, handle, bound, p + 1, codes.Of(tx, (Screening.Realm)payload[8]));

            // Each text where it lies in the journal (in the record, or among the journal's texts when the record holds
            // its code), none (NULL) for an absent trunk or origid; the origid, the decision and the reason as their
            // codes in the store, found by their code in the journal when they have one.
            var at = CallRecordBytes.FirstText;
            for (var text = 0; text < CallRecordBytes.Texts; text++)
            {
                if (!r.NextText(ref at, out nint where, out var length, out var code))
                {
                    Bind(connection, handle, bound, p + 2 + text, NullBound);
                }
                else if (CallRecordBytes.IsCoded(text))
                {
                    var utf8 = CallRecordBytes.Mapped(where, length);
                    Bind(connection, handle, bound, p + 2 + text, code >= 0 ? codes.Of(tx, code, utf8) : codes.Of(tx, utf8, CallRecordBytes.CodedColumn(text)));
                }
                else
                {
                    bound[p + 2 + text] = Unknown;
                    Check(connection, BindText(handle, p + 2 + text, where, length, Static));
                }
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

    private void Text(SqliteConnection connection, IntPtr statement, long[] bound, int index, string? value, ref int at)
    {
        if (value is null)
        {
            Bind(connection, statement, bound, index, NullBound);
            return;
        }

        bound[index] = Unknown;

        // A pointer into the buffer even for an empty value: a null pointer would bind NULL.
        var length = Encoding.UTF8.GetBytes(value, _text.AsSpan(at));
        Check(connection, BindText(statement, index, Marshal.UnsafeAddrOfPinnedArrayElement(_text, at), length, Static));
        at += length;
    }

    /// <summary>Binds <paramref name="value"/> (a code, or <see cref="NullBound"/> for NULL) unless the parameter holds it already.</summary>
    private static void Bind(SqliteConnection connection, IntPtr statement, long[] bound, int index, long value)
    {
        if (bound[index] == value)
        {
            return;
        }

        // Forgotten first: should the bind fail, the parameter's value is not known.
        bound[index] = Unknown;
        Check(connection, value == NullBound ? BindNull(statement, index) : BindInt64(statement, index, value));
        bound[index] = value;
    }

    private static long[] NewBound(int rows)
    {
        var bound = new long[(rows * ColumnCount) + 1];
        Array.Fill(bound, Unknown);
        return bound;
    }

    private void Prepare(SqliteConnection connection)
    {
        if (_one is not null && ReferenceEquals(_handle, connection.Handle))
        {
            return;
        }

        Dispose();
        Array.Fill(_boundOne, Unknown);
        Array.Fill(_boundMany, Unknown);
        _handle = connection.Handle;
        // Should a statement need a journal of its own after all, in memory: the connection is the writer's own. Only a
        // preference: the engine refuses it once the connection has opened its temporary database (a migration's
        // statements may have), inside the batch's transaction, and the rows go in as well without it.
        _ = raw.sqlite3_exec(_handle, "PRAGMA temp_store=MEMORY");

        // The table and its indexes grow at their ends, some 0.6 MB of pages a second at 4,000 calls/s: the default 2 MB
        // of cache let the pages a batch ends on go before the next batch, which read them back. 16 MB holds many
        // batches, and the interior pages of the four B-trees of a 10-million-record store (some 7 MB), which every
        // insert of a record to a callee or caller of its own walks; leaves of such inserts are spread over hundreds
        // of MB that no cache of this order would hold. More was memory grown page by page (a malloc and a page fault
        // each) for the node's first minutes, and kept.
        Check(connection, raw.sqlite3_exec(_handle, "PRAGMA cache_size=-16000"));

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
