namespace Sip;

public sealed partial class SipHeaders
{
    // Where the top Via value lies in the buffer and its tokens, as last read on this thread, for as long as no field of
    // those headers changes: a request's receipt reads them three times on its receiving thread (its stamp, its
    // transaction's key, where its responses go). Kept per thread rather than per message, so no message grows by it.
    [ThreadStatic]
    private static SipHeaders? t_topViaOf;

    [ThreadStatic]
    private static int t_topViaVersion;

    [ThreadStatic]
    private static int t_topViaIndex;

    [ThreadStatic]
    private static int t_topViaLength;

    [ThreadStatic]
    private static ViaTokens t_topViaTokens;

    /// <summary>
    /// The top Via as the parser's check read it: entry <paramref name="index"/> (the first Via field, a raw one), its
    /// first <paramref name="length"/> bytes, <paramref name="tokens"/> its parts. The message's reads that follow on this
    /// thread, while its headers stay as they are, take it from here instead of reading the value a second time.
    /// </summary>
    internal void KeepTopVia(int index, int length, ViaTokens tokens)
    {
        t_topViaOf = this;
        t_topViaVersion = Version;
        t_topViaIndex = index;
        t_topViaLength = length;
        t_topViaTokens = tokens;
    }

    /// <summary>
    /// Replaces the top Via value with <paramref name="value"/> (see <see cref="TryReplaceFirstValue"/>), whose parts
    /// its writer knows as <paramref name="tokens"/>: kept as if read, for the reads that follow on this thread.
    /// </summary>
    internal bool TryReplaceTopVia(ReadOnlySpan<byte> value, ViaTokens tokens)
    {
        if (!TryReplaceFirstValue(HeaderNames.Via, value))
        {
            return false;
        }

        KeepTopVia(IndexOf(HeaderNames.Via), value.Length, tokens);
        return true;
    }

    /// <summary>Whether this thread holds these headers' top Via as they are now (for tests).</summary>
    internal bool TopViaKept => ReferenceEquals(t_topViaOf, this) && t_topViaVersion == Version;

    /// <summary>Whether entry <paramref name="index"/> is a raw value in the buffer (not text).</summary>
    internal bool IsRawEntry(int index) => index >= 0 && index < _count && !_entries[index].IsText;

    /// <summary>
    /// The first value of the first Via field as wire bytes, and where its parts lie; false when the field is no longer
    /// the wire bytes or the value does not read by <see cref="ViaTokens"/>.
    /// </summary>
    internal bool TryReadTopVia(out ReadOnlySpan<byte> value, out ViaTokens tokens)
    {
        if (ReferenceEquals(t_topViaOf, this) && t_topViaVersion == Version && !_entries[t_topViaIndex].IsText)
        {
            value = Source().AsSpan(_entries[t_topViaIndex].Value, t_topViaLength);
            tokens = t_topViaTokens;
            return true;
        }

        value = default;
        tokens = default;
        var index = IndexOf(HeaderNames.Via);
        if (index < 0 || _entries[index].IsText)
        {
            return false;
        }

        var field = Source().AsSpan(_entries[index].Value, _entries[index].Length);
        var comma = ByteGrammar.NextSeparator(field, 0);
        value = comma < 0 ? field : field[..comma];
        if (!ViaTokens.TryRead(value, out tokens))
        {
            return false;
        }

        t_topViaOf = this;
        t_topViaVersion = Version;
        t_topViaIndex = index;
        t_topViaLength = value.Length;
        t_topViaTokens = tokens;
        return true;
    }
}
