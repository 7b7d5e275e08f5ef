using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Screening;

namespace Reference.Storage;

/// <summary>
/// Writes call records to the store in batches, off the call's path: <see cref="TryRecord"/> only queues (no I/O, no
/// waiting) and a thread of its own writes what has queued, up to <see cref="BatchSize"/> records a transaction, on a
/// connection of its own so that provisioning writes never wait behind it. The queue is bounded: when the store falls
/// behind by <paramref name="capacity"/> records, further ones are dropped and counted in <see cref="Dropped"/>, never
/// allowed to slow the calls down. What is queued when the node dies is lost: a record is durable once
/// <see cref="Written"/> counts it. Times are kept as microseconds since 1970 UTC, cheaper to write and to index than text.
/// </summary>
public sealed class CallRecordWriter : IDisposable
{
    public const int BatchSize = 500;

    internal const string Columns = "at, realm, trunk, calling, called, origid, call_id, decision, reason";
    private const int ColumnCount = 9;

    private readonly SqlDatabase _database;
    private readonly Channel<CallRecord> _queue;
    private readonly Thread _thread;
    private readonly Action<Exception>? _failed;
    private readonly TimeSpan _linger;
    private readonly int _rowsPerStatement;
    private DbCommand? _one;
    private DbCommand? _many;
    private SqliteRowInserter? _sqlite;
    private long _queued;
    private long _written;
    private long _dropped;
    private long _failedRecords;

    /// <param name="failed">Told of a batch the store refused (its records are counted in <see cref="Failed"/>).</param>
    /// <param name="linger">How long a wake-up waits for more records before writing (default 100 ms: at 4,000 calls/s, 400 a transaction).</param>
    public CallRecordWriter(SqlDatabase database, int capacity = 100_000, Action<Exception>? failed = null, TimeSpan? linger = null)
    {
        _database = database;
        _failed = failed;
        _linger = linger ?? TimeSpan.FromMilliseconds(100);
        _rowsPerStatement = database.RowsPerInsert == 1 ? 1 : Math.Clamp(database.RowsPerInsert / ColumnCount, 1, 100);
        _queue = Channel.CreateBounded<CallRecord>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _thread = new Thread(Run) { IsBackground = true, Name = "call records" };
        _thread.Start();
    }

    public long Written => Interlocked.Read(ref _written);

    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Records in batches the store refused.</summary>
    public long Failed => Interlocked.Read(ref _failedRecords);

    /// <summary>Queues the record; false (and counted as dropped) when the queue is full or the writer is stopping.</summary>
    public bool TryRecord(CallRecord record)
    {
        if (_queue.Writer.TryWrite(record))
        {
            Interlocked.Increment(ref _queued);
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>
    /// Waits until every record queued before the call is written or refused, or <paramref name="within"/> passes
    /// (false then): a reader that waits first sees every call answered before it asked.
    /// </summary>
    public async Task<bool> CaughtUpAsync(TimeSpan within, CancellationToken cancellationToken)
    {
        var queued = Interlocked.Read(ref _queued);
        var deadline = Environment.TickCount64 + (long)within.TotalMilliseconds;
        while (Written + Failed < queued)
        {
            if (Environment.TickCount64 >= deadline)
            {
                return false;
            }

            await Task.Delay(2, cancellationToken);
        }

        return true;
    }

    /// <summary>Stops taking records and returns once every queued one is written (or refused).</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _thread.Join();
    }

    private void Run()
    {
        var batch = new List<CallRecord>(BatchSize);
        var reader = _queue.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            // A transaction per record or two (what a busy wake-up finds) costs more than the rows: linger once so that
            // a batch gathers what arrives meanwhile, a thousandth of the transactions at thousands of calls a second.
            if (reader.Count < BatchSize && !reader.Completion.IsCompleted)
            {
                Thread.Sleep(_linger);
            }

            while (batch.Count < BatchSize && reader.TryRead(out var record))
            {
                batch.Add(record);
            }

            try
            {
                _database.Write(tx => Insert(tx, batch));
                Interlocked.Add(ref _written, batch.Count);
            }
            catch (StorageException ex)
            {
                Interlocked.Add(ref _failedRecords, batch.Count);
                _failed?.Invoke(ex);
                DisposeCommands();
            }

            batch.Clear();
        }

        DisposeCommands();
    }

    /// <summary>Microseconds since 1970-01-01 UTC: what the at column holds.</summary>
    public static long Microseconds(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset At(long microseconds) => DateTimeOffset.UnixEpoch.AddTicks(microseconds * 10);

    private void Insert(DbTransaction tx, List<CallRecord> batch)
    {
        if (tx.Connection is SqliteConnection sqlite)
        {
            _sqlite ??= new SqliteRowInserter();
            _sqlite.Insert(sqlite, batch);
            return;
        }

        // The commands are built once and rebound for every row: building and preparing a statement per row cost more
        // than the row. A server, reached over the network, gets many rows a statement.
        var offset = 0;
        if (_rowsPerStatement > 1)
        {
            var many = Command(ref _many, tx, _rowsPerStatement);
            for (; offset + _rowsPerStatement <= batch.Count; offset += _rowsPerStatement)
            {
                Bind(many, batch, offset, _rowsPerStatement);
                many.ExecuteNonQuery();
            }
        }

        var one = Command(ref _one, tx, 1);
        for (; offset < batch.Count; offset++)
        {
            Bind(one, batch, offset, 1);
            one.ExecuteNonQuery();
        }
    }

    private static DbCommand Command(ref DbCommand? cached, DbTransaction tx, int rows)
    {
        if (cached is null || cached.Connection != tx.Connection)
        {
            cached?.Dispose();
            cached = tx.Connection!.CreateCommand();
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

    private static void Bind(DbCommand command, List<CallRecord> batch, int offset, int rows)
    {
        var parameters = command.Parameters;
        for (var i = 0; i < rows; i++)
        {
            var r = batch[offset + i];
            var p = i * ColumnCount;
            parameters[p].Value = Microseconds(r.At);
            parameters[p + 1].Value = RealmCode(r.Realm);
            parameters[p + 2].Value = (object?)r.Trunk ?? DBNull.Value;
            parameters[p + 3].Value = r.Calling;
            parameters[p + 4].Value = r.Called;
            parameters[p + 5].Value = (object?)r.OrigId ?? DBNull.Value;
            parameters[p + 6].Value = r.CallId;
            parameters[p + 7].Value = r.Decision;
            parameters[p + 8].Value = r.Reason;
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
        _one?.Dispose();
        _many?.Dispose();
        _one = _many = null;
        _sqlite?.Dispose();
        _sqlite = null;
    }
}
