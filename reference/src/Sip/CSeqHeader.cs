namespace Sip;

/// <summary>CSeq: a 32-bit sequence number (leading zeros allowed) and a method token.</summary>
public readonly record struct CSeqHeader(uint Sequence, string Method)
{
    public static bool TryParse(string? text, out CSeqHeader cseq)
    {
        cseq = default;
        if (text is null || !TryParse(text, out var sequence, out var method))
        {
            return false;
        }

        cseq = new CSeqHeader(sequence, method.ToString());
        return true;
    }

    /// <summary>Reads "number LWS method" without allocating; the method is a slice of <paramref name="text"/>.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out uint sequence, out ReadOnlySpan<char> method)
    {
        method = default;
        sequence = 0;
        text = text.Trim(" \t");
        var gap = text.IndexOfAny(' ', '\t');
        if (gap <= 0)
        {
            return false;
        }

        method = text[gap..].TrimStart(" \t");
        return uint.TryParse(text[..gap], System.Globalization.NumberStyles.None, null, out sequence) && SipGrammar.IsToken(method);
    }

    public override string ToString() => $"{Sequence} {Method}";
}
