namespace Sip;

public sealed partial class SipHeaders
{
    // Where the top Via value lies in the buffer and its tokens, as last read, for as long as no field changes: a
    // request's receipt reads them three times (its stamp, its transaction's key, where its responses go).
    private int _topViaReadAt; // Version + 1 when read; 0 when not
    private int _topViaIndex;
    private int _topViaLength;
    private ViaTokens _topViaTokens;

    /// <summary>
    /// The first value of the first Via field as wire bytes, and where its parts lie; false when the field is no longer
    /// the wire bytes or the value does not read by <see cref="ViaTokens"/>.
    /// </summary>
    internal bool TryReadTopVia(out ReadOnlySpan<byte> value, out ViaTokens tokens)
    {
        if (_topViaReadAt == Version + 1 && !_entries[_topViaIndex].IsText)
        {
            value = Source().AsSpan(_entries[_topViaIndex].Value, _topViaLength);
            tokens = _topViaTokens;
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

        _topViaIndex = index;
        _topViaLength = value.Length;
        _topViaTokens = tokens;
        _topViaReadAt = Version + 1;
        return true;
    }
}
