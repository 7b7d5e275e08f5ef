using System.Data.Common;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Reference.Storage;

/// <summary>
/// Intercepted calls per hour and reason (call_record_hours, migration 18), kept by the call-record writer in the
/// transaction that stores the records, so the two never disagree. The console's chart reads a day of it as some
/// hundred rows, where counting the records of a busy day would read millions; and a per-hour count costs the writer
/// one upsert per hour and reason a batch holds (one or two), not an index entry per intercepted call.
/// </summary>
internal sealed class CallRecordHours : IDisposable
{
    public const long MicrosecondsPerHour = 3_600_000_000;

    public const string Intercept = "intercept";

    private static ReadOnlySpan<byte> InterceptBytes => "intercept"u8;

    private const string Upsert =
        "INSERT INTO call_record_hours (hour, reason, calls) VALUES ({0}, {1}, {2}) ON CONFLICT (hour, reason) DO UPDATE SET calls = call_record_hours.calls + excluded.calls";

    private readonly Dictionary<(long Hour, string Reason), long> _counts = [];

    // A journalled batch's counts by the reason's bytes: a batch holds a second or so of calls, so one or two hours and
    // a few reasons, found by a look along the list with no string made per record.
    private readonly List<(long Hour, byte[] Reason, long Calls)> _byBytes = [];
    private sqlite3? _handle;
    private sqlite3_stmt? _sqlite;
    private DbCommand? _command;

    /// <summary>Adds the batch's intercepted calls to their hours, in <paramref name="tx"/>.</summary>
    public void Add(DbTransaction tx, ReadOnlySpan<CallRecord> batch)
    {
        foreach (ref readonly var record in batch)
        {
            if (string.Equals(record.Decision, Intercept, StringComparison.Ordinal))
            {
                var key = (CallRecordWriter.Microseconds(record.At) / MicrosecondsPerHour, record.Reason);
                _counts[key] = _counts.GetValueOrDefault(key) + 1;
            }
        }

        Write(tx);
    }

    /// <summary>Adds the intercepted calls of a batch read from the journal's bytes to their hours, in <paramref name="tx"/>.</summary>
    public void Add(DbTransaction tx, ReadOnlySpan<CallRecordBytes> batch)
    {
        foreach (ref readonly var record in batch)
        {
            var at = CallRecordBytes.FirstText;
            for (var text = 0; text < CallRecordBytes.DecisionText; text++)
            {
                record.NextText(ref at, out ReadOnlySpan<byte> _);
            }

            // The decision and the reason, last of the texts and never absent.
            record.NextText(ref at, out ReadOnlySpan<byte> decision);
            if (decision.SequenceEqual(InterceptBytes))
            {
                record.NextText(ref at, out ReadOnlySpan<byte> reason);
                Count(record.Microseconds / MicrosecondsPerHour, reason);
            }
        }

        foreach (var (hour, reason, calls) in _byBytes)
        {
            var key = (hour, Encoding.UTF8.GetString(reason));
            _counts[key] = _counts.GetValueOrDefault(key) + calls;
        }

        _byBytes.Clear();
        Write(tx);
    }

    private void Count(long hour, ReadOnlySpan<byte> reason)
    {
        var counts = CollectionsMarshal.AsSpan(_byBytes);
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i].Hour == hour && reason.SequenceEqual(counts[i].Reason))
            {
                counts[i].Calls++;
                return;
            }
        }

        _byBytes.Add((hour, reason.ToArray(), 1));
    }

    private void Write(DbTransaction tx)
    {
        if (_counts.Count == 0)
        {
            return;
        }

        try
        {
            foreach (var ((hour, reason), calls) in _counts)
            {
                if (tx.Connection is SqliteConnection sqlite)
                {
                    Sqlite(sqlite, hour, reason, calls);
                }
                else
                {
                    Server(tx, hour, reason, calls);
                }
            }
        }
        finally
        {
            _counts.Clear();
        }
    }

    public void Dispose()
    {
        _sqlite?.Dispose();
        _sqlite = null;
        _handle = null;
        _command?.Dispose();
        _command = null;
    }

    // The engine's own calls on a statement prepared once per connection, as the records' own rows (SqliteRowInserter):
    // an ADO.NET command parsed and bound by name per upsert cost more than the upsert.
    private void Sqlite(SqliteConnection connection, long hour, string reason, long calls)
    {
        if (_sqlite is null || !ReferenceEquals(_handle, connection.Handle))
        {
            _sqlite?.Dispose();
            _handle = connection.Handle;
            SqliteRowInserter.Check(connection, raw.sqlite3_prepare_v2(_handle, string.Format(System.Globalization.CultureInfo.InvariantCulture, Upsert, "?1", "?2", "?3"), out var prepared));
            _sqlite = prepared;
        }

        SqliteRowInserter.Check(connection, raw.sqlite3_bind_int64(_sqlite, 1, hour));
        SqliteRowInserter.Check(connection, raw.sqlite3_bind_text(_sqlite, 2, reason));
        SqliteRowInserter.Check(connection, raw.sqlite3_bind_int64(_sqlite, 3, calls));
        var done = raw.sqlite3_step(_sqlite);
        raw.sqlite3_reset(_sqlite);
        if (done != raw.SQLITE_DONE)
        {
            SqliteRowInserter.Check(connection, done);
        }
    }

    private void Server(DbTransaction tx, long hour, string reason, long calls)
    {
        if (_command is null || _command.Connection != tx.Connection)
        {
            _command?.Dispose();
            _command = tx.Connection!.CreateCommand();
            _command.CommandText = string.Format(System.Globalization.CultureInfo.InvariantCulture, Upsert, "@hour", "@reason", "@calls");
            foreach (var name in new[] { "hour", "reason", "calls" })
            {
                var parameter = _command.CreateParameter();
                parameter.ParameterName = name;
                _command.Parameters.Add(parameter);
            }
        }

        _command.Transaction = tx;
        _command.Parameters[0].Value = hour;
        _command.Parameters[1].Value = reason;
        _command.Parameters[2].Value = calls;
        _command.ExecuteNonQuery();
    }
}
