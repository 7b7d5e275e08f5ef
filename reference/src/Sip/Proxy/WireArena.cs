namespace Sip.Proxy;

/// <summary>
/// Where a lean table keeps the wire copies it answers retransmissions with, and its keys' text
/// (<see cref="KeptKey"/>): packed one after another in large chunks instead of one array each. Every entry of a table
/// lives for the same lifetime and they expire in the order they came, so a chunk's copies die together, a few seconds
/// after it fills. A chunk is a large object: a young-generation collection never copies it, where tens of thousands of
/// small arrays alive for seconds would each be promoted twice and copied each time (at 4,000 intercepted calls a
/// second that was most of what the collector did).
/// </summary>
/// <remarks>
/// Chunks are numbered as they are taken. A table notes <see cref="Mark"/> with each entry and, once its oldest entry
/// is younger than a chunk, gives the chunk back (<see cref="ReleaseBefore"/>) to be written over: a new large object
/// every few hundred calls made the collector run a full, background collection every two or three seconds under load.
/// So nothing may read a chunk's bytes outside its table's lock (the table copies an answer out under it). Not
/// thread-safe: its table calls it under the table's lock.
/// </remarks>
internal sealed class WireArena
{
    // 85,000 bytes and more go to the large object heap; a chunk holds a few hundred typical answers.
    internal const int ChunkBytes = 256 * 1024;

    // A message this large gets an array of its own rather than wasting the rest of a chunk.
    private const int OwnArrayBytes = ChunkBytes / 16;

    // Chunks given back are kept to be taken again, up to as many as the table has held at once: a table that emptied
    // in a lull (more than its keys' lifetime without calls) fills as far again when the calls come back, and chunks
    // the collector took would be new memory then, each page faulted in on its first write (on this VM, 2.6 % of the SIP
    // thread's time in the first seconds of a load at 4,000 intercepted calls a second). Past this many (16 MB: a
    // burst far above the usual) they are left to the collector.
    private const int SpareChunksAtMost = 64;

    private readonly Queue<(long Number, byte[] Chunk)> _taken = new();
    private readonly Stack<byte[]> _spare = new();
    private byte[] _chunk = [];
    private int _used;
    private long _number;
    private int _mostTaken;

    /// <summary>The number of the chunk a reservation made now starts in, or of one before it.</summary>
    public long Mark => _number;

    /// <summary>Chunks taken and not given back, the one being filled included.</summary>
    public int ChunksTaken => _taken.Count;

    /// <summary>Chunks given back and kept to be taken again.</summary>
    public int ChunksSpare => _spare.Count;

    /// <summary>The exact wire bytes of <paramref name="message"/>, copied into the current chunk.</summary>
    public ReadOnlyMemory<byte> Keep(SipMessage message)
    {
        var copy = Reserve(message.EncodedLength());
        message.Encode(copy.Span);
        return copy;
    }

    /// <summary>Room for <paramref name="length"/> bytes that live as long as the table's entry (a kept key's text).</summary>
    public Memory<byte> Reserve(int length)
    {
        if (length > OwnArrayBytes)
        {
            return new byte[length];
        }

        if (_chunk.Length - _used < length)
        {
            _chunk = _spare.TryPop(out var spare) ? spare : GC.AllocateUninitializedArray<byte>(ChunkBytes);
            _used = 0;
            _taken.Enqueue((++_number, _chunk));
            _mostTaken = Math.Max(_mostTaken, _taken.Count);
        }

        var room = _chunk.AsMemory(_used, length);
        _used += length;
        return room;
    }

    /// <summary>
    /// Gives back every chunk numbered below <paramref name="mark"/> (a table's oldest entry's <see cref="Mark"/>):
    /// nothing the table keeps lies there any more. The chunk being filled is never given back.
    /// </summary>
    public void ReleaseBefore(long mark)
    {
        while (_taken.Count > 1 && _taken.Peek().Number < mark)
        {
            var (_, chunk) = _taken.Dequeue();
            if (_spare.Count + _taken.Count < Math.Min(_mostTaken, SpareChunksAtMost))
            {
                _spare.Push(chunk);
            }
        }
    }
}
