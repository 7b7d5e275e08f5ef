using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Screening;
using Sip.Proxy;
using Sip.Transport;

namespace Reference.Storage;

/// <summary>
/// Writes call records to the store in batches, off the call's path: <see cref="TryRecord"/> only copies the record into
/// an array (<see cref="CallRecordQueue"/>: no I/O, no allocation, no waiting) and a thread of its own writes what has
/// queued, up to <see cref="BatchSize"/> records a transaction, on a connection of its own so that provisioning writes
/// never wait behind it. The queue is bounded: when the store falls behind by <c>capacity</c> records, further ones
/// are dropped and counted in <see cref="Dropped"/>, never allowed to slow the calls down. A record is durable once
/// <see cref="Written"/> counts it; a call's final response waits for that (<see cref="IResponseBarrier"/>, ticket
/// <see cref="Recorded"/> taken after the call's record was queued), so that no call is answered whose record a
/// <c>kill -9</c> could still lose. With a journal (<see cref="CallRecordJournal"/>) a record is kept the moment it is
/// queued, encoded into the journal and not copied into an array, and responses pass at once; the writer reads the
/// records back from the journal's bytes. Times are kept as microseconds since 1970 UTC, cheaper to write and to index than text;
/// the realm, decision and reason as codes (<see cref="CallRecordCodes"/>), a few repeated texts that made a third of a row,
/// and the origid too, one per entry point and the widest key of the indexes.
/// </summary>
public sealed partial class CallRecordWriter : IResponseBarrier, IDisposable
{
    public const int BatchSize = 5_000;

    internal const string Columns = "at, realm, trunk, calling, called, origid, call_id, decision, reason";
    private const int ColumnCount = 9;

    private readonly SqlDatabase _database;
    private readonly CallRecordQueue _queue;
    private readonly Thread _thread;
    private readonly Action<Exception>? _failed;
    private readonly int _rowsPerStatement;
    // One cached statement per row count in use: the batch size, then halving sizes for what is left over.
    private readonly Dictionary<int, DbCommand> _statements = [];
    private SqliteRowInserter? _sqlite;
    private readonly CallRecordHours _hours = new();
    private readonly CallRecordCodes _codes = new();
    private readonly object _waitGate = new();
    private List<(long Ticket, IBarrierWaiter Waiter)> _waiters = [];
    private List<(long Ticket, IBarrierWaiter Waiter)> _releasing = [];
    private readonly CallRecordJournal? _journal;

    // With a journal, where a batch's records lie in it (reused), and for a store that cannot bind them from there, the
    // records made from them.
    private CallRecordBytes[]? _located;
    private CallRecord[]? _decoded;
    private CoalescedSends? _sends;
    private long _done;
    private long _stored;
    private long _written;
    private long _dropped;
    private long _failedRecords;
    private int _disposed;

    /// <param name="failed">Told of a batch the store refused (its records are counted in <see cref="Failed"/>).</param>
    /// <param name="linger">
    /// How long a wake-up waits for more records before writing (default <see cref="DefaultLinger"/>): the longest a
    /// final response waits for its record beyond the commit, and what sets how many records a commit carries.
    /// </param>
    /// <param name="journal">
    /// A file mapped into memory that keeps each record the moment it is queued (<see cref="CallRecordJournal"/>), so
    /// that a response waits for nothing; the store gets the records every <see cref="StoreEvery"/>. Records the store
    /// lacks are taken from it at start. Null: each batch is a transaction, and responses wait for it.
    /// </param>
    /// <param name="journalBytes">The journal file's size (<see cref="CallRecordJournal.DefaultCapacity"/> unless a test needs its ring to turn sooner).</param>
    public CallRecordWriter(
        SqlDatabase database, int capacity = 100_000, Action<Exception>? failed = null, TimeSpan? linger = null, string? journal = null,
        long journalBytes = CallRecordJournal.DefaultCapacity)
    {
        _database = database;
        _failed = failed;
        _rowsPerStatement = database.RowsPerInsert == 1 ? 1 : Math.Clamp(database.RowsPerInsert / ColumnCount, 1, 100);
        if (journal is not null)
        {
            _journal = Recover(journal, journalBytes);
        }

        _queue = new CallRecordQueue(capacity, linger ?? DefaultLinger, _journal);

        _thread = new Thread(Run) { IsBackground = true, Name = "call records" };
        _thread.Start();
    }

    /// <summary>
    /// With a journal, how long records wait in it before they go to the store (a traceback query hurries them). A
    /// second's records a transaction: each commit writes the last page of the table and of each of its four indexes
    /// again, and ten commits a second cost the writer a fifth more than one.
    /// </summary>
    public static readonly TimeSpan StoreEvery = TimeSpan.FromSeconds(1);

    /// <summary>A wake-up's wait for more records: at 4,000 calls/s, some 20 a transaction, and calls answered a few ms later.</summary>
    public static readonly TimeSpan DefaultLinger = TimeSpan.FromMilliseconds(5);

    public long Written => Interlocked.Read(ref _written);

    /// <summary>Records queued so far: a ticket, taken after a call's record was queued, that the call's response waits for.</summary>
    public long Recorded => _queue.Added;

    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Records in batches the store refused.</summary>
    public long Failed => Interlocked.Read(ref _failedRecords);

    /// <summary>Queues the record; false (and counted as dropped) when the queue is full or the writer is stopping.</summary>
    public bool TryRecord(in CallRecord record)
    {
        if (_queue.TryAdd(record))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>
    /// Waits until every record queued before the call is written or refused, or <paramref name="within"/> passes
    /// (false then): a reader that waits first sees every call answered before it asked. The writer is woken out of its
    /// linger for it, so a reader waits for a write, not for the linger.
    /// </summary>
    public async Task<bool> CaughtUpAsync(TimeSpan within, CancellationToken cancellationToken)
    {
        var queued = Recorded;
        if (Volatile.Read(ref _stored) >= queued)
        {
            return true;
        }

        _queue.Hurry();
        var deadline = Environment.TickCount64 + (long)within.TotalMilliseconds;
        while (Volatile.Read(ref _stored) < queued)
        {
            if (Environment.TickCount64 >= deadline)
            {
                return false;
            }

            await Task.Delay(1, cancellationToken);
        }

        return true;
    }

    /// <summary>Stops taking records and returns once every queued one is written (or refused).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _queue.Close();
        }

        _thread.Join();
    }

    private void Run()
    {
        if (_journal is not null)
        {
            RunJournalled(_journal);
            return;
        }

        while (_queue.TryTake(out var records, out var count))
        {
            for (var offset = 0; offset < count; offset += BatchSize)
            {
                var batch = new ArraySegment<CallRecord>(records, offset, Math.Min(BatchSize, count - offset));
                Store(batch, default, journalled: null);

                // Refused records release their calls too: a store that refuses must not stop the calls (110 among them).
                Done(batch.Count);
            }

            CallRecordQueue.Release(records, count);
        }

        DisposeCommands();
        Done(0);
        _sends?.Dispose();
    }

    /// <summary>The records are in the journal already: to the store every <see cref="StoreEvery"/>, or when a reader hurries.</summary>
    private void RunJournalled(CallRecordJournal journal)
    {
        long taken = 0;
        long lastEnd = 0;
        while (true)
        {
            var open = _queue.TryTake(StoreEvery, out _, out var count, out _, out var position);

            // This round's records follow those of the last, which ended where the journal's end was then.
            var from = lastEnd;

            // The pages the next records go to are mapped now, on this thread, twice what the last round took ahead.
            var took = position.End >= lastEnd ? position.End - lastEnd : position.End;
            lastEnd = position.End;
            journal.Prepare(_queue.Ahead(Math.Clamp(2 * took, PreparedAtLeast, PreparedAtMost)));
            if (count > 0)
            {
                // The store gets the records from the journal's own bytes, read where they lie: they stay as they are
                // until Stored below, which comes only once the store has them (or refused them), because appending
                // never writes over records the store lacks.
                for (var offset = 0; offset < count; offset += BatchSize)
                {
                    var rows = Math.Min(BatchSize, count - offset);
                    var last = offset + rows == count;
                    var number = taken + offset;
                    if (Locate(journal, ref from, number, rows) is { } batch)
                    {
                        Store(default, batch, last ? (number + rows, position.End) : null);
                    }
                    else if (last)
                    {
                        // The round's position goes to the store all the same: else a restart would store the round's
                        // earlier batches, which the store has, a second time.
                        StorePosition(number + rows, position.End);
                    }
                }

                taken += count;

                // Their room in the journal may take new records now (even refused ones: a store that refuses must not stop the calls).
                _queue.Stored(position);
                Done(count);
            }

            if (!open)
            {
                break;
            }
        }

        DisposeCommands();
        Done(0);
        _sends?.Dispose();
        journal.Dispose();
    }

    /// <summary>
    /// Where records <paramref name="after"/> + 1 on (<paramref name="rows"/> of them) lie in the journal, the first
    /// following the record that ends at <paramref name="from"/>; null, the records counted as refused, should one not
    /// be found (the journal not as this writer left it).
    /// </summary>
    private ArraySegment<CallRecordBytes>? Locate(CallRecordJournal journal, ref long from, long after, int rows)
    {
        _located ??= new CallRecordBytes[BatchSize];
        for (var i = 0; i < rows; i++)
        {
            if (!journal.TryLocate(ref from, after + 1 + i, out _located[i]))
            {
                Interlocked.Add(ref _failedRecords, rows);
                Interlocked.Add(ref _stored, rows);
                _failed?.Invoke(new InvalidOperationException($"Call record {after + 1 + i} is not where the journal {journal.Path} should hold it; {rows} records not stored"));
                return null;
            }
        }

        return new ArraySegment<CallRecordBytes>(_located, 0, rows);
    }

    /// <summary>
    /// One transaction of records, given as records or where they lie in the journal (and the journal position they
    /// reach); counted written, or refused.
    /// </summary>
    private void Store(ArraySegment<CallRecord> records, ArraySegment<CallRecordBytes> located, (long Number, long At)? journalled)
    {
        var count = records.Count + located.Count;
        try
        {
            _database.Write(tx =>
            {
                if (located.Count > 0)
                {
                    Insert(tx, located);
                }
                else
                {
                    Insert(tx, records);
                }

                if (journalled is { } stored)
                {
                    JournalAt(tx, _journal!.Path, stored.Number, stored.At);
                }
            });
            Interlocked.Add(ref _written, count);
        }
        catch (StorageException ex)
        {
            Interlocked.Add(ref _failedRecords, count);
            _failed?.Invoke(ex);
            DisposeCommands();
            _codes.Forget();
        }

        Interlocked.Add(ref _stored, count);
    }

    /// <summary>Where the store's records from the journal end, in a transaction of its own (a batch that could not be located had none).</summary>
    private void StorePosition(long number, long at)
    {
        try
        {
            _database.Write(tx => JournalAt(tx, _journal!.Path, number, at));
        }
        catch (StorageException ex)
        {
            _failed?.Invoke(ex);
        }
    }

    /// <summary>
    /// The number of the last record of the journal the store holds, and where in the file the next one starts: two rows
    /// of <c>call_records_journal</c>, the second named for the file with <see cref="PositionSuffix"/>.
    /// </summary>
    private static void JournalAt(DbTransaction tx, string journal, long number, long at)
    {
        const string Upsert = "INSERT INTO call_records_journal (journal, stored_to) VALUES (@journal, @end) ON CONFLICT (journal) DO UPDATE SET stored_to = excluded.stored_to";
        SqlDatabase.Execute(tx, Upsert, ("journal", journal), ("end", number));
        SqlDatabase.Execute(tx, Upsert, ("journal", journal + PositionSuffix), ("end", at));
    }

    private const string PositionSuffix = "#at";

    // The journal's pages mapped ahead of the calls each round: at least a few hundred records' worth, at most what a
    // burst of a few seconds at full rate needs.
    private const long PreparedAtLeast = 256 << 10;
    private const long PreparedAtMost = 16 << 20;

    /// <summary>Puts in the store what the journal holds past the store's position, and makes the journal anew, empty.</summary>
    private CallRecordJournal Recover(string path, long bytes)
    {
        var full = Path.GetFullPath(path);
        var stored = _database.Reading("the call-record journal's position", () => _database.Read(
            "SELECT journal, stored_to FROM call_records_journal WHERE journal IN (@journal, @position)",
            r => (r.GetString(0), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture)), ("journal", full), ("position", full + PositionSuffix)));
        var number = stored.Where(s => s.Item1 == full).Select(s => s.Item2).FirstOrDefault();
        var at = stored.Where(s => s.Item1 != full).Select(s => s.Item2).FirstOrDefault();
        var (records, _) = CallRecordJournal.Read(full, at, number);
        if (records.Count > 0)
        {
            _database.Write(tx => Insert(tx, new ArraySegment<CallRecord>([.. records])));
            Interlocked.Add(ref _written, records.Count);
            Recovered = records.Count;
        }

        // Everything is in the store now: the file starts again empty, its records numbered from 1 again.
        _database.Write(tx => JournalAt(tx, full, 0, 0));
        var journal = new CallRecordJournal(full, bytes);
        journal.Prepare(journal.Ahead(PreparedAtLeast));
        return journal;
    }

    /// <summary>Records the journal held at start that the store did not (written before the node last stopped).</summary>
    public int Recovered { get; private set; }
}
