using System.Buffers;

namespace Sip;

/// <summary>
/// The bytes of one received message in an array leased from <see cref="ArrayPool{T}.Shared"/>. Header values and
/// the body stay slices of it until read. A message and its clones share the lease, counted, and the array goes
/// back to the pool when the last of them is released; a lease never released is simply collected, so forgetting
/// to release costs an allocation, never correctness.
/// </summary>
internal sealed class MessageBuffer
{
    private int _holders = 1;

    // Where the message's bytes end in the array: values rewritten on receipt go after it (TryAppend).
    private int _length;

    private MessageBuffer(byte[] array)
    {
        Array = array;
        _length = array.Length;
    }

    public byte[] Array { get; }

    /// <summary>
    /// Room asked for past a message, for the top Via its receipt rewrites (<see cref="TryAppend"/>): the whole value
    /// again with <c>received</c> and <c>rport</c>. A message near a pool size would otherwise leave none.
    /// </summary>
    public const int RewriteRoom = 192;

    /// <summary>A lease holding a copy of <paramref name="bytes"/>, with one holder: the caller.</summary>
    public static MessageBuffer CopyOf(ReadOnlySpan<byte> bytes)
    {
        var buffer = new MessageBuffer(ArrayPool<byte>.Shared.Rent(bytes.Length + RewriteRoom));
        bytes.CopyTo(buffer.Array);
        buffer._length = bytes.Length;
        return buffer;
    }

    /// <summary>
    /// Copies <paramref name="bytes"/> into the array's room past the message (a pooled array is mostly larger than the
    /// message), for a value rewritten on receipt: a field can point at them as at the others, no string made. False
    /// when they do not fit. Bytes appended are never moved or written over, so clones sharing the array are unaffected.
    /// </summary>
    public bool TryAppend(ReadOnlySpan<byte> bytes, out int offset)
    {
        while (true)
        {
            var at = Volatile.Read(ref _length);
            if (at + bytes.Length > Array.Length || IsReturned)
            {
                offset = 0;
                return false;
            }

            if (Interlocked.CompareExchange(ref _length, at + bytes.Length, at) == at)
            {
                bytes.CopyTo(Array.AsSpan(at));
                offset = at;
                return true;
            }
        }
    }

    /// <summary>True once the last holder let go and the array went back to the pool.</summary>
    public bool IsReturned => Volatile.Read(ref _holders) == 0;

    /// <summary>One more holder (a clone of the message).</summary>
    public void Retain() => Interlocked.Increment(ref _holders);

    /// <summary>One holder fewer; the last one hands the array back to the pool.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _holders) == 0)
        {
            ArrayPool<byte>.Shared.Return(Array);
        }
    }
}
