using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Threading.Channels;

namespace Reference.Storage;

/// <summary>
/// Writes call records to the store in batches, off the call's path: <see cref="TryRecord"/> only queues (no I/O, no
/// waiting) and a thread of its own writes what has queued, up to <see cref="BatchSize"/> records a transaction, on a
/// connection of its own so that provisioning writes never wait behind it. The queue is bounded: when the store falls
/// behind by <paramref name="capacity"/> records, further ones are dropped and counted in <see cref="Dropped"/>, never
/// allowed to slow the calls down. What is queued when the node dies is lost: a record is durable once
/// <see cref="Written"/> counts it.
/// </summary>
public sealed class CallRecordWriter : IDisposable
{
    public const int BatchSize = 500;

    private const string Columns = "at, realm, trunk, calling, called, origid, call_id, decision, reason";
    private const int ColumnCount = 9;

    private readonly SqlDatabase _database;
    private readonly Channel<CallRecord> _queue;
    private readonly Thread _thread;
    private readonly Action<Exception>? _failed;
    private long _written;
    private long _dropped;
    private long _failedRecords;

    /// <param name="failed">Told of a batch the store refused (its records are counted in <see cref="Failed"/>).</param>
    public CallRecordWriter(SqlDatabase database, int capacity = 100_000, Action<Exception>? failed = null)
    {
        _database = database;
        _failed = failed;
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
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
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
            }

            batch.Clear();
        }
    }

    private void Insert(DbTransaction tx, List<CallRecord> batch)
    {
        // A server is reached over the network: many rows per statement. An embedded engine: one prepared row, rebound.
        var rowsPerStatement = _database.RowsPerInsert == 1 ? 1 : Math.Min(_database.RowsPerInsert / ColumnCount, BatchSize);
        for (var offset = 0; offset < batch.Count; offset += rowsPerStatement)
        {
            var count = Math.Min(rowsPerStatement, batch.Count - offset);
            using var command = tx.Connection!.CreateCommand();
            command.Transaction = tx;
            var values = new StringBuilder();
            for (var i = 0; i < count; i++)
            {
                var r = batch[offset + i];
                values.Append(i == 0 ? "(" : ", (");
                object?[] fields = [SqlDatabase.Text(r.At), r.Realm.ToString().ToLowerInvariant(), r.Trunk, r.Calling, r.Called, r.OrigId, r.CallId, r.Decision, r.Reason];
                for (var c = 0; c < ColumnCount; c++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"p{i}_{c}");
                    values.Append(c == 0 ? "@" : ", @").Append(name);
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = name;
                    parameter.Value = fields[c] ?? DBNull.Value;
                    command.Parameters.Add(parameter);
                }

                values.Append(')');
            }

            command.CommandText = $"INSERT INTO call_records ({Columns}) VALUES {values}";
            command.ExecuteNonQuery();
        }
    }
}
