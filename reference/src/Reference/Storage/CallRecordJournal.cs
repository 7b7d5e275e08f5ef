using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
/// <para>
/// The writer reads the records it stores where they lie (<see cref="TryLocate"/>); their bytes stay as they are until
/// <see cref="Stored"/> is told the store has them, since appending never writes over records the store lacks.
/// </para>
/// <para>
/// After the ring, the file holds the texts records name by a code (<see cref="CallRecordTexts"/>: trunk, origid,
/// decision, reason), then 8 bytes that say so (<see cref="TextsMark"/>); a file without them is a ring alone, as nodes
/// before the texts left it. A record is some 70 bytes instead of 130: fewer lines of memory no cache holds written
/// on the call's thread, and read back on the writer's.
/// </para>
/// </summary>
public sealed class CallRecordJournal : IDisposable
{
    /// <summary>The ring's size: some 900,000 records, more than the writer's queue and batch can hold unstored.</summary>
    public const long DefaultCapacity = 64L << 20;

    private const int HeadBytes = 8;
    private const int LargestRecord = 16 * 1024;

    // Set in a head's length: the record is in the compact form (Encode); records written before it was had their
    // fields through a BinaryWriter (Parse), and a journal left by such a node is still read at start.
    private const int Compact = 1 << 30;

    private const ushort Null = ushort.MaxValue;

    /// <summary>The file's last 8 bytes when its ring is followed by texts ("CRJTEXT1").</summary>
    private const long TextsMark = 0x3154584554_4A5243;

    private const int TrailerBytes = CallRecordTexts.RegionBytes + 8;

    private readonly long _capacity;
    private readonly CallRecordTexts _texts;
    private readonly byte[] _scratch = new byte[LargestRecord];
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly SafeBuffer _memory;

    // Where the file's first byte is mapped, the mapping held open (a reference on its handle) until Dispose: records
    // are encoded straight into it, with no copy and no call on the view per record.
    private readonly nint _start;
    private bool _held;
    private long _end;
    private long _tail;
    private bool _wrapped;
    private int _laps;

    /// <summary>Makes the file at <paramref name="path"/> anew, empty and <paramref name="capacity"/> bytes long: call once the store holds what it held.</summary>
    public CallRecordJournal(string path, long capacity = DefaultCapacity)
    {
        Path = System.IO.Path.GetFullPath(path);
        _capacity = capacity;

        // Allocated now, not as records come: a mapped page the disk has no room for would end the process.
        var size = capacity + TrailerBytes;
        using (var file = new FileStream(Path, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.ReadWrite, Share = FileShare.ReadWrite, PreallocationSize = size }))
        {
            file.SetLength(size);
            file.Position = size - 8;
            file.Write(BitConverter.GetBytes(BitConverter.IsLittleEndian ? TextsMark : BinaryPrimitives.ReverseEndianness(TextsMark)));
        }

        _map = MemoryMappedFile.CreateFromFile(Path, FileMode.Open, null, size, MemoryMappedFileAccess.ReadWrite);
        _view = _map.CreateViewAccessor(0, size, MemoryMappedFileAccess.ReadWrite);
        _memory = _view.SafeMemoryMappedViewHandle;
        _memory.DangerousAddRef(ref _held);
        _start = _memory.DangerousGetHandle() + (nint)_view.PointerOffset;
        _texts = new CallRecordTexts(_start + (nint)capacity);
    }

    public string Path { get; }

    /// <summary>Where the next record goes, and how many times appending went back to the start.</summary>
    public (long End, int Laps) Position => (_end, _laps);

    /// <summary>Copies the record in as number <paramref name="number"/>, one past the last; false when there is no room for it.</summary>
    public bool TryAppend(in CallRecord record, long number)
    {
        var most = Most(record);
        if (most > LargestRecord)
        {
            return false;
        }

        // Room for the most the record can take where it goes next (over records the store has, or none yet): encoded
        // there, nothing else being in the way.
        if (_end + HeadBytes + most <= (_wrapped ? _tail : _capacity))
        {
            Commit(_end, Encode(record, Bytes(_end + HeadBytes, most)), number);
            return true;
        }

        // Near where the room ends, the exact length decides: before the end, at the start, or refused.
        var length = Encode(record, _scratch);
        var need = HeadBytes + length;
        long at;
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

        _scratch.AsSpan(0, length).CopyTo(Bytes(at + HeadBytes, length));
        Commit(at, length, number);
        return true;
    }

    /// <summary>
    /// The payload of record <paramref name="number"/>, which follows the one that ends at <paramref name="at"/>, found
    /// as <see cref="Read"/> finds it (at the start when it did not fit before the end); <paramref name="at"/> moves past
    /// it. False when it is in neither place. For the writer, on records it has taken and not yet stored: their bytes
    /// stay put until it calls <see cref="Stored"/>. Safe beside appending, which writes nowhere in them.
    /// </summary>
    internal bool TryLocate(ref long at, long number, out CallRecordBytes record)
    {
        if (TryRecordAt(at, number, out record) || (at != 0 && TryRecordAt(0, number, out record)))
        {
            at = record.Address - _start + record.Payload.Length;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Where the next <paramref name="bytes"/> of records will go (fewer where the room ends): for <see cref="Prepare"/>.
    /// Not thread-safe, as appending is not.
    /// </summary>
    public (long From, long Length) Ahead(long bytes)
    {
        var room = _wrapped ? _tail : _capacity;
        return (_end, Math.Clamp(room - _end, 0, bytes));
    }

    /// <summary>
    /// Maps the pages of <paramref name="range"/> (from <see cref="Ahead"/>) into memory writable, in one system call,
    /// leaving what they hold as it is. Called off the calls' threads: the first write to each page of the file would
    /// otherwise stop the call that makes it for a fault, and a fault costs far more than the copy of a record (on a
    /// virtual machine, some 1.5 µs a call at 4,000 calls/s when measured). Safe beside appending: nothing is written.
    /// </summary>
    public void Prepare((long From, long Length) range)
    {
        if (!OperatingSystem.IsLinux() || range.Length <= 0)
        {
            return;
        }

        var first = range.From & ~(PageBytes - 1);
        var last = Math.Min(_capacity, (range.From + range.Length + PageBytes - 1) & ~(PageBytes - 1));
        if (last <= first)
        {
            return;
        }

        // Failing (a kernel before 5.14 has no MADV_POPULATE_WRITE) leaves the pages to be faulted in as they are written.
        _ = Madvise(_start + (nint)first, (nuint)(last - first), PopulateWrite);
    }

    private const long PageBytes = 4096;

    private const int PopulateWrite = 23;

    [DllImport("libc", EntryPoint = "madvise", ExactSpelling = true)]
    private static extern int Madvise(IntPtr address, nuint length, int advice);

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
        var (ring, texts) = RingAndTexts(file, reader);
        Func<int, string?> text = code => code < texts.Count ? texts[code] : null;
        var payload = new byte[LargestRecord];
        var at = from;
        var next = after + 1;
        var wrapped = false;
        var end = from;
        while (true)
        {
            if (TryRecordAt(file, reader, payload, at, next, ring, text) is { } found)
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

    /// <summary>The ring's size, and the texts that follow it (none in a file of the form before them).</summary>
    private static (long Ring, List<string> Texts) RingAndTexts(FileStream file, BinaryReader reader)
    {
        if (file.Length < TrailerBytes + HeadBytes)
        {
            return (file.Length, []);
        }

        file.Position = file.Length - 8;
        if (reader.ReadInt64() != TextsMark)
        {
            return (file.Length, []);
        }

        var region = new byte[CallRecordTexts.RegionBytes];
        file.Position = file.Length - TrailerBytes;
        file.ReadExactly(region);
        return (file.Length - TrailerBytes, CallRecordTexts.Read(region));
    }

    public void Dispose()
    {
        if (_held)
        {
            _held = false;
            _memory.DangerousRelease();
        }

        _view.Dispose();
        _map.Dispose();
    }

    private static long Head(int length, long number) => (uint)length | ((long)(uint)number << 32);

    /// <summary>
    /// The payload's length when <paramref name="head"/>, read at <paramref name="at"/> in a file of
    /// <paramref name="size"/> bytes, is record <paramref name="number"/>'s and its payload lies within the file; else 0.
    /// </summary>
    private static int PayloadLength(long head, long number, long at, long size)
    {
        var length = (int)(uint)(head & ~(long)Compact);
        return (uint)(head >>> 32) == (uint)number && length > 0 && length <= LargestRecord && at + HeadBytes + length <= size ? length : 0;
    }

    private Span<byte> Bytes(long at, int length) => CallRecordBytes.Mapped(_start + (nint)at, length);

    /// <summary>Writes the head of the record whose fields are in place at <paramref name="at"/>: last, in one 8-byte store.</summary>
    private void Commit(long at, int length, long number)
    {
        // The fields' stores come before the head's in the file whatever the compiler or processor would reorder: a
        // node killed before the head's store leaves the older head there, which names another number.
        Volatile.WriteBarrier();
        var head = Head(length | Compact, number);
        Unsafe.WriteUnaligned(ref Bytes(at, HeadBytes)[0], BitConverter.IsLittleEndian ? head : BinaryPrimitives.ReverseEndianness(head));
        _end = at + HeadBytes + length;
    }

    private bool TryRecordAt(long at, long number, out CallRecordBytes record)
    {
        record = default;
        if (at + HeadBytes > _capacity)
        {
            return false;
        }

        var head = BinaryPrimitives.ReadInt64LittleEndian(Bytes(at, HeadBytes));
        if ((head & Compact) == 0 || PayloadLength(head, number, at, _capacity) is not (> 0 and var length))
        {
            return false;
        }

        record = new CallRecordBytes(_start + (nint)(at + HeadBytes), length, _texts);
        return CallRecordBytes.IsWellFormed(record.Payload, _texts.Count);
    }

    private static (CallRecord Record, int Length)? TryRecordAt(FileStream file, BinaryReader reader, byte[] payload, long at, long number, long ring, Func<int, string?> text)
    {
        if (at + HeadBytes > ring)
        {
            return null;
        }

        file.Position = at;
        var head = reader.ReadInt64();
        var compact = (head & Compact) != 0;
        if (PayloadLength(head, number, at, ring) is not (> 0 and var length))
        {
            return null;
        }

        file.ReadExactly(payload, 0, length);
        var record = compact ? Decode(payload.AsSpan(0, length), text) : Parse(payload, length);
        return record is { } found ? (found, length) : null;
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

    /// <summary>The most bytes the record's fields can take: <see cref="Encode"/> needs that much room.</summary>
    private static int Most(in CallRecord r) =>
        CallRecordBytes.FirstText + (CallRecordBytes.Texts * 2) + Most(r.Trunk) + Most(r.Calling) + Most(r.Called) + Most(r.OrigId) + Most(r.CallId) + Most(r.Decision) + Most(r.Reason);

    /// <summary>
    /// The record's bytes: its time (8 bytes), its realm (1), then each text as a 2-byte length (<see cref="Null"/> for
    /// none) and its UTF-8, or the trunk, origid, decision and reason as the 2-byte code of one of the journal's texts.
    /// Encoded straight into the room given (<see cref="Most"/> bytes at least), with no writer or stream between: this
    /// runs on the call's thread.
    /// </summary>
    private int Encode(in CallRecord r, Span<byte> span)
    {
        BinaryPrimitives.WriteInt64LittleEndian(span, CallRecordWriter.Microseconds(r.At));
        span[8] = (byte)r.Realm;
        var at = CallRecordBytes.FirstText;
        at = Coded(span, at, r.Trunk, 0);
        at = Text(span, at, r.Calling);
        at = Text(span, at, r.Called);
        at = Coded(span, at, r.OrigId, 1);
        at = Text(span, at, r.CallId);
        at = Coded(span, at, r.Decision, 2);
        return Coded(span, at, r.Reason, 3);
    }

    private int Coded(Span<byte> span, int at, string? value, int column)
    {
        if (value is not null && _texts.CodeOf(value, column) is >= 0 and var code)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[at..], (ushort)(CallRecordTexts.CodedMark | code));
            return at + 2;
        }

        return Text(span, at, value);
    }

    private static int Most(string? value) => value is null ? 0 : Encoding.UTF8.GetMaxByteCount(value.Length);

    private static int Text(Span<byte> span, int at, string? value)
    {
        if (value is null)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[at..], Null);
            return at + 2;
        }

        var length = Encoding.UTF8.GetBytes(value, span[(at + 2)..]);
        BinaryPrimitives.WriteUInt16LittleEndian(span[at..], (ushort)length);
        return at + 2 + length;
    }

    /// <summary>A record from its compact form, its coded texts found by <paramref name="text"/> (null for none); null when the bytes are not one.</summary>
    internal static CallRecord? Decode(ReadOnlySpan<byte> payload, Func<int, string?> text)
    {
        if (payload.Length < 9 || !Enum.IsDefined((Realm)payload[8]))
        {
            return null;
        }

        var at = CallRecordWriter.At(BinaryPrimitives.ReadInt64LittleEndian(payload));
        var realm = (Realm)payload[8];
        var rest = payload[9..];
        if (!TryText(ref rest, text, out var trunk) || !TryText(ref rest, null, out var calling) || !TryText(ref rest, null, out var called)
            || !TryText(ref rest, text, out var origid) || !TryText(ref rest, null, out var callId) || !TryText(ref rest, text, out var decision)
            || !TryText(ref rest, text, out var reason) || calling is null || called is null || callId is null || decision is null || reason is null)
        {
            return null;
        }

        return new CallRecord(at, realm, trunk, calling, called, origid, callId, decision, reason);
    }

    /// <param name="coded">Finds a coded text; null where the field may not be coded.</param>
    private static bool TryText(ref ReadOnlySpan<byte> rest, Func<int, string?>? coded, out string? value)
    {
        value = null;
        if (rest.Length < 2)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt16LittleEndian(rest);
        rest = rest[2..];
        if (length == Null)
        {
            return true;
        }

        if (length >= CallRecordTexts.CodedMark)
        {
            value = coded?.Invoke(length - CallRecordTexts.CodedMark);
            return value is not null;
        }

        if (length > rest.Length)
        {
            return false;
        }

        value = Encoding.UTF8.GetString(rest[..length]);
        rest = rest[length..];
        return true;
    }
}
