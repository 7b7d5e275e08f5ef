using System.Text;

namespace Sip.Transactions;

/// <summary>
/// A request's <see cref="TransactionKey"/> read from its top Via's wire bytes, for looking a transaction up without
/// making its branch a string: an ACK that ends an INVITE's transaction needs the key only for that lookup. Its hash is
/// the key's own (the same randomised string hash of the same characters), so tables find keys by it
/// (<see cref="TransactionKeyComparer"/>). Only RFC 3261 branches that are plain tokens read so; anything else takes the
/// parsed path of <see cref="TransactionKey.ForRequest"/>.
/// </summary>
internal readonly ref struct RawTransactionKey
{
    // A branch longer than this is hashed the parsed way rather than widened on the stack.
    private const int LongestBranch = 256;

    private RawTransactionKey(ReadOnlySpan<byte> branch, string sentBy, string method, int hash)
    {
        Branch = branch;
        SentBy = sentBy;
        Method = method;
        Hash = hash;
    }

    public ReadOnlySpan<byte> Branch { get; }

    public string SentBy { get; }

    public string Method { get; }

    public int Hash { get; }

    /// <summary>The key of <paramref name="request"/>'s transaction under <paramref name="method"/>; false when it does not read from bytes.</summary>
    public static bool TryFor(SipRequest request, string method, out RawTransactionKey key)
    {
        key = default;
        if (!TopViaBytes.TryRead(request.Headers, out var via)
            || !via.TryGetParameter("branch", out var branch)
            || branch.Length > LongestBranch
            || !branch.StartsWith("z9hG4bK"u8)
            || !SipGrammar.IsToken(branch)
            || TransactionKey.SentByOf(via.Host, via.Port) is not { } sentBy)
        {
            return false;
        }

        Span<char> chars = stackalloc char[branch.Length];
        Ascii.ToUtf16(branch, chars, out _);
        var hash = HashCode.Combine(string.GetHashCode(chars, StringComparison.Ordinal), sentBy.GetHashCode(StringComparison.Ordinal), method.GetHashCode(StringComparison.Ordinal));
        key = new RawTransactionKey(branch, sentBy, method, hash);
        return true;
    }

    /// <summary>The key itself, its branch made a string (its hash is this one's: not computed again).</summary>
    public TransactionKey ToKey() => new(Encoding.ASCII.GetString(Branch), SentBy, Method, Hash);
}

/// <summary>Compares <see cref="TransactionKey"/>s, and keys read from bytes with them (a table's alternate lookup).</summary>
internal sealed class TransactionKeyComparer : IEqualityComparer<TransactionKey>, IAlternateEqualityComparer<RawTransactionKey, TransactionKey>
{
    public static readonly TransactionKeyComparer Instance = new();

    public bool Equals(TransactionKey x, TransactionKey y) => x.Equals(y);

    public int GetHashCode(TransactionKey key) => key.GetHashCode();

    public bool Equals(RawTransactionKey raw, TransactionKey key) =>
        raw.Hash == key.GetHashCode()
        && Ascii.Equals(raw.Branch, key.Branch)
        && string.Equals(raw.SentBy, key.SentBy, StringComparison.Ordinal)
        && string.Equals(raw.Method, key.Method, StringComparison.Ordinal);

    public int GetHashCode(RawTransactionKey raw) => raw.Hash;

    public TransactionKey Create(RawTransactionKey raw) => raw.ToKey();
}
