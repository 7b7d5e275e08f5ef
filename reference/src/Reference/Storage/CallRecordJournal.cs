using System.Text;
using Screening;

namespace Reference.Storage;

/// <summary>
/// An append-only file of the call records not yet in the store: a batch of records is one write to the file, which
/// keeps it across a <c>kill -9</c> of the node (the operating system holds it) for a few microseconds, where a
/// transaction of the store's would cost a hundred times as much. The store learns the records within its own batches
/// later, with the position in this file they reach (<c>call_records_journal</c>, same transaction), and at start the
/// records past that position are put in the store before anything else. Emptied when the store holds all of it.
/// A record cut short at the end (the machine, not the node, died mid-write) is ignored.
/// </summary>
public sealed class CallRecordJournal : IDisposable
{
    private readonly FileStream _file;
    private readonly MemoryStream _buffer = new();
    private readonly BinaryWriter _writer;

    public CallRecordJournal(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        // No buffer of the stream's own: each Append is one write() to the operating system.
        _file = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        _file.Seek(0, SeekOrigin.End);
        _writer = new BinaryWriter(_buffer, Encoding.UTF8, leaveOpen: true);
    }

    public string Path { get; }

    /// <summary>Where the next record goes: the position the records appended so far reach.</summary>
    public long End => _file.Position;

    public void Append(ReadOnlySpan<CallRecord> records)
    {
        _buffer.SetLength(0);
        foreach (ref readonly var r in records)
        {
            _writer.Write(CallRecordWriter.Microseconds(r.At));
            _writer.Write(CallRecordWriter.RealmCode(r.Realm));
            Optional(r.Trunk);
            _writer.Write(r.Calling);
            _writer.Write(r.Called);
            Optional(r.OrigId);
            _writer.Write(r.CallId);
            _writer.Write(r.Decision);
            _writer.Write(r.Reason);
        }

        _writer.Flush();
        _file.Write(_buffer.GetBuffer(), 0, (int)_buffer.Length);
    }

    /// <summary>Empties the file: call only once the store holds every record in it.</summary>
    public void Truncate()
    {
        _file.SetLength(0);
        _file.Seek(0, SeekOrigin.Begin);
    }

    /// <summary>The whole records from <paramref name="from"/> on, and the position the last of them reaches.</summary>
    public static (List<CallRecord> Records, long End) Read(string path, long from)
    {
        var records = new List<CallRecord>();
        if (!File.Exists(path))
        {
            return (records, 0);
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (from > file.Length)
        {
            // Emptied after the store took everything, and nothing appended since: nothing to take again.
            return (records, file.Length);
        }

        file.Seek(from, SeekOrigin.Begin);
        using var reader = new BinaryReader(file, Encoding.UTF8, leaveOpen: true);
        var end = from;
        try
        {
            while (file.Position < file.Length)
            {
                var at = CallRecordWriter.At(reader.ReadInt64());
                var realm = Enum.Parse<Realm>(reader.ReadString(), ignoreCase: true);
                var trunk = reader.ReadBoolean() ? reader.ReadString() : null;
                var calling = reader.ReadString();
                var called = reader.ReadString();
                var origid = reader.ReadBoolean() ? reader.ReadString() : null;
                records.Add(new CallRecord(at, realm, trunk, calling, called, origid, reader.ReadString(), reader.ReadString(), reader.ReadString()));
                end = file.Position;
            }
        }
        catch (EndOfStreamException)
        {
            // The last record was cut short: it was never acknowledged, as its write never returned.
        }

        return (records, end);
    }

    public void Dispose()
    {
        _writer.Dispose();
        _file.Dispose();
    }

    private void Optional(string? value)
    {
        _writer.Write(value is not null);
        if (value is not null)
        {
            _writer.Write(value);
        }
    }
}
