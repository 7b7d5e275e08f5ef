using System.Buffers.Binary;
using System.Text;
using Sip.Transactions;

namespace Sip.Proxy;

/// <summary>
/// A transaction key as a lean table keeps it: its branch, sent-by and method as UTF-8 bytes in the table's
/// <see cref="WireArena"/>, not as strings. A branch string kept for 64·T1 is promoted twice by the collector and
/// copied each time; at 2,000 forwarded calls a second those strings were most of what the young collections kept.
/// The bytes are <c>[branch length][sent-by length][branch][sent-by][method]</c> (lengths as 32-bit integers), so no
/// choice of separator can make two keys read alike. The hash is the <see cref="TransactionKey"/>'s own (the runtime's
/// randomised string hash), so a table is looked up with the key a message gives, without making one of these.
/// </summary>
internal readonly struct KeptKey : IEquatable<KeptKey>
{
    private const int LengthsBytes = 2 * sizeof(int);

    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly int _hash;

    private KeptKey(ReadOnlyMemory<byte> bytes, int hash)
    {
        _bytes = bytes;
        _hash = hash;
    }

    /// <summary>Writes <paramref name="key"/> into <paramref name="arena"/> (or into an array of its own without one).</summary>
    public static KeptKey Of(TransactionKey key, WireArena? arena)
    {
        var length = LengthOf(key);
        var bytes = arena is null ? new byte[length] : arena.Reserve(length);
        Write(key, bytes.Span);
        return new KeptKey(bytes, key.GetHashCode());
    }

    /// <summary>True when this is <paramref name="key"/>'s text.</summary>
    public bool Matches(TransactionKey key)
    {
        if (_hash != key.GetHashCode())
        {
            return false;
        }

        var length = LengthOf(key);
        if (length != _bytes.Length)
        {
            return false;
        }

        // Keys are tens of bytes; a legacy (RFC 2543) key is longer but still rarely over the stack's share.
        Span<byte> text = length <= 512 ? stackalloc byte[length] : new byte[length];
        Write(key, text);
        return text.SequenceEqual(_bytes.Span);
    }

    /// <summary>The key back as strings (for what is shown or logged; a table never needs it).</summary>
    public TransactionKey ToKey()
    {
        var bytes = _bytes.Span;
        var branchLength = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        var sentByLength = BinaryPrimitives.ReadInt32LittleEndian(bytes[sizeof(int)..]);
        var text = bytes[LengthsBytes..];
        return new TransactionKey(
            Encoding.UTF8.GetString(text[..branchLength]),
            Encoding.UTF8.GetString(text.Slice(branchLength, sentByLength)),
            Encoding.UTF8.GetString(text[(branchLength + sentByLength)..]));
    }

    // The same bytes first (a table sweeping its expired keys removes each by the key it holds): no read of the arena,
    // where a key remembered seconds ago is no longer in the processor's cache.
    public bool Equals(KeptKey other) => _hash == other._hash && (_bytes.Equals(other._bytes) || _bytes.Span.SequenceEqual(other._bytes.Span));

    public override bool Equals(object? obj) => obj is KeptKey other && Equals(other);

    public override int GetHashCode() => _hash;

    public override string ToString() => ToKey().ToString();

    private static int LengthOf(TransactionKey key) =>
        LengthsBytes
        + Encoding.UTF8.GetByteCount(key.Branch)
        + Encoding.UTF8.GetByteCount(key.SentBy)
        + Encoding.UTF8.GetByteCount(key.Method);

    private static void Write(TransactionKey key, Span<byte> into)
    {
        var branch = Encoding.UTF8.GetBytes(key.Branch, into[LengthsBytes..]);
        var sentBy = Encoding.UTF8.GetBytes(key.SentBy, into[(LengthsBytes + branch)..]);
        Encoding.UTF8.GetBytes(key.Method, into[(LengthsBytes + branch + sentBy)..]);
        BinaryPrimitives.WriteInt32LittleEndian(into, branch);
        BinaryPrimitives.WriteInt32LittleEndian(into[sizeof(int)..], sentBy);
    }

    /// <summary>Compares kept keys with each other, and with the <see cref="TransactionKey"/> a lookup brings.</summary>
    internal sealed class Comparer : IEqualityComparer<KeptKey>, IAlternateEqualityComparer<TransactionKey, KeptKey>
    {
        public static readonly Comparer Instance = new();

        public bool Equals(KeptKey x, KeptKey y) => x.Equals(y);

        public int GetHashCode(KeptKey obj) => obj._hash;

        public bool Equals(TransactionKey alternate, KeptKey other) => other.Matches(alternate);

        public int GetHashCode(TransactionKey alternate) => alternate.GetHashCode();

        // Only an addition through the lookup by transaction key makes one here; the tables add kept keys themselves.
        public KeptKey Create(TransactionKey alternate) => Of(alternate, arena: null);
    }
}
