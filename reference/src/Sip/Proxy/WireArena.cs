namespace Sip.Proxy;

/// <summary>
/// Where a lean table keeps the wire copies it answers retransmissions with, and its keys' text
/// (<see cref="KeptKey"/>): packed one after another in large chunks instead of one array each. Every entry of a table
/// lives for the same lifetime and they expire in the order they came, so a chunk's copies die together, a few seconds
/// after it fills. A chunk is a large object: a young-generation collection never copies it, where tens of thousands of
/// small arrays alive for seconds would each be promoted twice and copied each time (at 4,000 intercepted calls a
/// second that was most of what the collector did). A chunk is never reused: a copy being sent keeps its chunk alive,
/// and the collector frees a chunk once no entry refers to it.
/// </summary>
/// <remarks>Not thread-safe: its table calls it under the table's lock.</remarks>
internal sealed class WireArena
{
    // 85,000 bytes and more go to the large object heap; a chunk holds a few hundred typical answers.
    internal const int ChunkBytes = 256 * 1024;

    // A message this large gets an array of its own rather than wasting the rest of a chunk.
    private const int OwnArrayBytes = ChunkBytes / 16;

    private byte[] _chunk = [];
    private int _used;

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
            _chunk = GC.AllocateUninitializedArray<byte>(ChunkBytes);
            _used = 0;
        }

        var room = _chunk.AsMemory(_used, length);
        _used += length;
        return room;
    }
}
