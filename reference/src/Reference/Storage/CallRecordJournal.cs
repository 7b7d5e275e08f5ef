using System.IO.MemoryMappedFiles;
using System.Text;
using Screening;

namespace Reference.Storage;

/// <summary>
/// A ring of the call records not yet in the store, in a file mapped into the node's memory: appending a record is a
/// copy into the operating system's page cache, no system call, and it is kept across a <c>kill -9</c> of the node
/// from the moment the copy is done (the pages belong to the file, not to the process). So a call's record is kept
/// before its final response is built, on the call's own thread, and the response waits for nothing. The store takes
/// the records in batches later, with the number of the last one and where the next one starts
/// (<see cref="Position"/>, same transaction); at start the records from there on are put in the store first.
/// <para>
/// Each record is an 8-byte head (length, low half of its number) and its fields. The head is written last, in one
/// store, so a node killed mid-record leaves the head of an older record there, never half a head. Records are
/// numbered one after another; when one does not fit before the end it goes at the start, over records the store has
/// (never over those it lacks: <see cref="Stored"/> says how far it got; with no room the record is refused). Reading
/// follows the numbers from the store's position, to the start once when the next is not where the last ended.
/// Not thread-safe: the queue appends under its lock.
/// </para>
/// </summary>
public sealed class CallRecordJournal : IDisposable
{
    /// <summary>The file's size: some 400,000 records, more than the writer's queue and batch can hold unstored.</summary>
    public const long DefaultCapacity = 64L << 20;

    private const int HeadBytes = 8;
    private const int LargestRecord = 16 * 1024;

    private readonly long _capacity;
    private readonly MemoryStream _buffer = new();
    private readonly BinaryWriter _writer;
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private long _end;
    private long _tail;
    private bool _wrapped;
    private int _laps;

    /// <summary>Makes the file at <paramref name="path"/> anew, empty and <paramref name="capacity"/> bytes long: call once the store holds what it held.</summary>
    public CallRecordJournal(string path, long capacity = DefaultCapacity)
    {
        Path = System.IO.Path.GetFullPath(path);
        _capacity = capacity;
        _writer = new BinaryWriter(_buffer, Encoding.UTF8, leaveOpen: true);

        // Allocated now, not as records come: a mapped page the disk has no room for would end the process.
        using (new FileStream(Path, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.ReadWrite, Share = FileShare.ReadWrite, PreallocationSize = capacity }))
        {
        }

        _map = MemoryMappedFile.CreateFromFile(Path, FileMode.Open, null, capacity, MemoryMappedFileAccess.ReadWrite);
        _view = _map.CreateViewAccessor(0, capacity, MemoryMappedFileAccess.ReadWrite);
    }

    public string Path { get; }

    /// <summary>Where the next record goes, and how many times appending went back to the start.</summary>
    public (long End, int Laps) Position => (_end, _laps);

    /// <summary>Copies the record in as number <paramref name="number"/>, one past the last; false when there is no room for it.</summary>
    public bool TryAppend(in CallRecord record, long number)
    {
        _buffer.SetLength(0);
        Write(_writer, record);
        _writer.Flush();
        var length = (int)_buffer.Length;
        var need = HeadBytes + length;
        long at;
        if (length > LargestRecord)
        {
            return false;
        }

        if (!_wrapped && _end + need <= _capacity)
        {
            at = _end;
        }
        else if (!_wrapped && need <= _tail)
        {
            at = 0;
            _wrapped = true;
            _laps++;
        }
        else if (_wrapped && _end + need <= _tail)
        {
            at = _end;
        }
        else
        {
            return false;
        }

        _view.WriteArray(at + HeadBytes, _buffer.GetBuffer(), 0, length);
        _view.Write(at, Head(length, number));
        _end = at + need;
        return true;
    }

    /// <summary>The store holds every record before <paramref name="position"/> (a <see cref="Position"/> read when they were taken).</summary>
    public void Stored((long End, int Laps) position)
    {
        _tail = position.End;
        if (position.Laps == _laps)
        {
            _wrapped = false;
        }
    }

    /// <summary>The records from <paramref name="from"/> on, numbered from <paramref name="after"/> + 1, and where they end.</summary>
    public static (List<CallRecord> Records, long End) Read(string path, long from, long after)
    {
        var records = new List<CallRecord>();
        if (!File.Exists(path))
        {
            return (records, from);
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        using var reader = new BinaryReader(file, Encoding.UTF8, leaveOpen: true);
        var payload = new byte[LargestRecord];
        var at = from;
        var next = after + 1;
        var wrapped = false;
        var end = from;
        while (true)
        {
            if (TryRecordAt(file, reader, payload, at, next) is { } found)
            {
                records.Add(found.Record);
                at += HeadBytes + found.Length;
                end = at;
                next++;
            }
            else if (!wrapped && at != 0)
            {
                // The next record did not fit before the end and went to the start.
                wrapped = true;
                at = 0;
            }
            else
            {
                return (records, end);
            }
        }
    }

    public void Dispose()
    {
        _view.Dispose();
        _map.Dispose();
        _writer.Dispose();
        _buffer.Dispose();
    }

    private static long Head(int length, long number) => (uint)length | ((long)(uint)number << 32);

    private static (CallRecord Record, int Length)? TryRecordAt(FileStream file, BinaryReader reader, byte[] payload, long at, long number)
    {
        if (at + HeadBytes > file.Length)
        {
            return null;
        }

        file.Position = at;
        var head = reader.ReadInt64();
        var length = (int)(uint)head;
        if ((uint)(head >>> 32) != (uint)number || length <= 0 || length > LargestRecord || at + HeadBytes + length > file.Length)
        {
            return null;
        }

        file.ReadExactly(payload, 0, length);
        return Parse(payload, length) is { } record ? (record, length) : null;
    }

    private static CallRecord? Parse(byte[] payload, int length)
    {
        using var stream = new MemoryStream(payload, 0, length, writable: false);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            var at = CallRecordWriter.At(reader.ReadInt64());
            var realm = Enum.Parse<Realm>(reader.ReadString(), ignoreCase: true);
            var trunk = reader.ReadBoolean() ? reader.ReadString() : null;
            var calling = reader.ReadString();
            var called = reader.ReadString();
            var origid = reader.ReadBoolean() ? reader.ReadString() : null;
            return new CallRecord(at, realm, trunk, calling, called, origid, reader.ReadString(), reader.ReadString(), reader.ReadString());
        }
        catch (Exception ex) when (ex is EndOfStreamException or ArgumentException or FormatException)
        {
            return null;
        }
    }

    private static void Write(BinaryWriter writer, in CallRecord r)
    {
        writer.Write(CallRecordWriter.Microseconds(r.At));
        writer.Write(CallRecordWriter.RealmCode(r.Realm));
        Optional(writer, r.Trunk);
        writer.Write(r.Calling);
        writer.Write(r.Called);
        Optional(writer, r.OrigId);
        writer.Write(r.CallId);
        writer.Write(r.Decision);
        writer.Write(r.Reason);
    }

    private static void Optional(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
        {
            writer.Write(value);
        }
    }
}
