using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Screening;

namespace Reference.Storage;

/// <summary>The rows themselves: the columns' forms, and the insert commands made once and bound for each batch.</summary>
public sealed partial class CallRecordWriter
{
    /// <summary>Microseconds since 1970-01-01 UTC: what the at column holds.</summary>
    public static long Microseconds(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset At(long microseconds) => DateTimeOffset.UnixEpoch.AddTicks(microseconds * 10);

    private void Insert(DbTransaction tx, ArraySegment<CallRecord> batch)
    {
        InsertRows(tx, batch);
        _hours.Add(tx, batch);
    }

    /// <summary>
    /// Records from the journal: into SQLite bound where they lie; into another store through its driver, which takes
    /// strings, so they are made here, on this thread.
    /// </summary>
    private void Insert(DbTransaction tx, ArraySegment<CallRecordBytes> batch)
    {
        if (tx.Connection is SqliteConnection sqlite)
        {
            _sqlite ??= new SqliteRowInserter();
            _sqlite.Insert(tx, sqlite, batch, _codes);
        }
        else
        {
            _decoded ??= new CallRecord[BatchSize];
            try
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    _decoded[i] = batch[i].ToRecord();
                }

                InsertRows(tx, new ArraySegment<CallRecord>(_decoded, 0, batch.Count));
            }
            finally
            {
                Array.Clear(_decoded, 0, batch.Count);
            }
        }

        _hours.Add(tx, batch);
    }

    private void InsertRows(DbTransaction tx, ArraySegment<CallRecord> batch)
    {
        if (tx.Connection is SqliteConnection sqlite)
        {
            _sqlite ??= new SqliteRowInserter();
            _sqlite.Insert(tx, sqlite, batch, _codes);
            return;
        }

        // The commands are built once and rebound for every row: building and preparing a statement per row cost more
        // than the row. A server, reached over the network, gets many rows a statement; what is left after the full
        // statements goes in statements of halving size, so a batch of 30 rows is four round trips rather than 30.
        var offset = 0;
        while (offset < batch.Count)
        {
            var rows = Math.Min(_rowsPerStatement, batch.Count - offset);
            if (rows < _rowsPerStatement)
            {
                rows = 1 << (31 - int.LeadingZeroCount(rows));
            }

            var command = Command(tx, rows);
            Bind(tx, command, batch, offset, rows);
            command.ExecuteNonQuery();
            offset += rows;
        }
    }

    private DbCommand Command(DbTransaction tx, int rows)
    {
        _statements.TryGetValue(rows, out var cached);
        if (cached is null || cached.Connection != tx.Connection)
        {
            cached?.Dispose();
            cached = tx.Connection!.CreateCommand();
            _statements[rows] = cached;
            var values = new StringBuilder();
            for (var i = 0; i < rows; i++)
            {
                values.Append(i == 0 ? "(" : ", (");
                for (var c = 0; c < ColumnCount; c++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"p{i}_{c}");
                    values.Append(c == 0 ? "@" : ", @").Append(name);
                    var parameter = cached.CreateParameter();
                    parameter.ParameterName = name;
                    parameter.Value = DBNull.Value;
                    cached.Parameters.Add(parameter);
                }

                values.Append(')');
            }

            cached.CommandText = $"INSERT INTO call_records ({Columns}) VALUES {values}";
        }

        cached.Transaction = tx;
        return cached;
    }

    private void Bind(DbTransaction tx, DbCommand command, ArraySegment<CallRecord> batch, int offset, int rows)
    {
        var parameters = command.Parameters;
        for (var i = 0; i < rows; i++)
        {
            ref readonly var r = ref batch.AsSpan()[offset + i];
            var p = i * ColumnCount;
            parameters[p].Value = Microseconds(r.At);
            parameters[p + 1].Value = _codes.Of(tx, r.Realm);
            parameters[p + 2].Value = (object?)r.Trunk ?? DBNull.Value;
            parameters[p + 3].Value = r.Calling;
            parameters[p + 4].Value = r.Called;
            parameters[p + 5].Value = r.OrigId is null ? DBNull.Value : _codes.Of(tx, r.OrigId);
            parameters[p + 6].Value = r.CallId;
            parameters[p + 7].Value = _codes.Of(tx, r.Decision);
            parameters[p + 8].Value = _codes.Of(tx, r.Reason);
        }
    }

    internal static string RealmCode(Realm realm) => realm switch
    {
        Realm.Access => "access",
        Realm.Interconnect => "interconnect",
        Realm.International => "international",
        _ => realm.ToString().ToLowerInvariant(),
    };

    private void DisposeCommands()
    {
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
        _sqlite?.Dispose();
        _sqlite = null;
        _hours.Dispose();
    }
}
