namespace Reference.Storage;

/// <summary>
/// Where screened calls leave their records for the <see cref="CallRecordWriter"/>: two arrays, one filled by the calls
/// under a short lock while the writer writes the other, swapped when the writer comes back for more. Adding a record
/// copies it into the array (no allocation, no wake-up of the writer unless it was idle); the writer lingers after the
/// first record of a batch so that one transaction carries many, and is woken early when a reader waits for the records
/// (<see cref="Hurry"/>), when the queue is half full or when it closes. The arrays grow with the backlog up to
/// <c>capacity</c> records and keep their size.
/// <para>
/// With a journal, a record is copied into it under the same lock and counted (<see cref="Added"/>), so every record
/// counted is kept; a record the journal has no room for is refused like one past the capacity. The arrays are not
/// used then: the writer reads the records from the journal (<see cref="CallRecordJournal.TryLocate"/>), and the
/// call's strings are free once its record is encoded. The writer needs no wake-up at all: it comes for the records
/// every <c>idle</c> of the <c>TryTake</c> that takes one, sooner only when
/// hurried, closing or half full.
/// </para>
/// </summary>
internal sealed class CallRecordQueue
{
    private const int FirstSize = 1024;

    private readonly object _gate = new();
    private readonly int _capacity;
    private readonly TimeSpan _linger;
    private readonly CallRecordJournal? _journal;
    private CallRecord[] _filling;
    private CallRecord[] _spare;
    private int _count;
    private long _added;
    private bool _idle;
    private bool _lingering;
    private bool _hurry;
    private bool _closed;

    public CallRecordQueue(int capacity, TimeSpan linger, CallRecordJournal? journal = null)
    {
        _journal = journal;
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _linger = linger;
        _filling = journal is null ? new CallRecord[Math.Min(FirstSize, capacity)] : [];
        _spare = journal is null ? new CallRecord[_filling.Length] : [];
    }

    /// <summary>
    /// Records added since the queue was made. Counted under the lock that orders them, so the writer, taking the arrays
    /// in turn, has written or refused the first n records exactly when it has finished n.
    /// </summary>
    public long Added => Volatile.Read(ref _added);

    /// <summary>False when the queue holds <c>capacity</c> records already or is closed.</summary>
    public bool TryAdd(in CallRecord record)
    {
        lock (_gate)
        {
            if (_closed || _count == _capacity)
            {
                return false;
            }

            if (_journal is not null)
            {
                if (!_journal.TryAppend(record, _added + 1))
                {
                    return false;
                }

                _count++;
            }
            else
            {
                if (_count == _filling.Length)
                {
                    Array.Resize(ref _filling, Math.Min(_capacity, _count * 2));
                }

                _filling[_count++] = record;
            }

            Volatile.Write(ref _added, _added + 1);
            if ((_idle && (_journal is null || _count >= _capacity / 2)) || (_lingering && _count >= _capacity / 2))
            {
                _idle = _lingering = false;
                Monitor.Pulse(_gate);
            }

            return true;
        }
    }

    /// <summary>Wakes the writer out of its linger: a reader waits for what is queued.</summary>
    public void Hurry()
    {
        lock (_gate)
        {
            _hurry = true;
            Monitor.Pulse(_gate);
        }
    }

    /// <summary>Takes no more records; the writer takes what is left and then gets none.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            Monitor.Pulse(_gate);
        }
    }

    /// <summary>
    /// Waits for records and hands over the array holding them (<paramref name="count"/> of them); the caller clears
    /// it (<see cref="Release"/>) before it asks again. Returns false once the queue is closed and empty.
    /// </summary>
    public bool TryTake(out CallRecord[] records, out int count) => TryTake(Timeout.InfiniteTimeSpan, out records, out count, out _, out _);

    /// <summary>
    /// As <see cref="TryTake(out CallRecord[], out int)"/>, but returns with no records (true, <paramref name="count"/> 0)
    /// once <paramref name="idle"/> passes with none, or when a reader hurries the writer (<paramref name="hurried"/>).
    /// </summary>
    /// <param name="records">Without a journal, the records; with one, empty: the journal holds the <paramref name="count"/> records, up to <paramref name="taken"/>.</param>
    /// <param name="taken">With a journal, where its records end once these are taken (for <see cref="Stored"/>).</param>
    public bool TryTake(TimeSpan idle, out CallRecord[] records, out int count, out bool hurried, out (long End, int Laps) taken)
    {
        lock (_gate)
        {
            // Journalled records are kept already: they wait for the writer's round unless there are many.
            while ((_count == 0 || (_journal is not null && _count < _capacity / 2)) && !_closed && !_hurry)
            {
                _idle = true;
                if (!Monitor.Wait(_gate, idle))
                {
                    break;
                }
            }

            _idle = false;
            hurried = _hurry;
            if (_count == 0)
            {
                _hurry = false;
                taken = _journal?.Position ?? default;
                records = [];
                count = 0;
                return !_closed;
            }

            // A transaction per record or two (what a busy wake-up finds) costs more than the rows: linger once so that
            // a batch gathers what arrives meanwhile.
            if (_journal is null && !_closed && !_hurry && _count < _capacity / 2)
            {
                _lingering = true;
                Monitor.Wait(_gate, _linger);
                _lingering = false;
            }

            _hurry = false;
            taken = _journal?.Position ?? default;
            records = _filling;
            count = _count;
            _filling = _spare;
            _spare = records;
            _count = 0;
            return true;
        }
    }

    /// <summary>Where the journal's next <paramref name="bytes"/> of records will go (nothing without a journal).</summary>
    public (long From, long Length) Ahead(long bytes)
    {
        lock (_gate)
        {
            return _journal?.Ahead(bytes) ?? default;
        }
    }

    /// <summary>The store holds the journal's records up to <paramref name="taken"/>: their room may take new ones.</summary>
    public void Stored((long End, int Laps) taken)
    {
        lock (_gate)
        {
            _journal?.Stored(taken);
        }
    }

    /// <summary>Drops the strings the written records held, so that they do not outlive their calls.</summary>
    public static void Release(CallRecord[] records, int count) => Array.Clear(records, 0, count);
}
