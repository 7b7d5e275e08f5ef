namespace Sip;

/// <summary>CSeq: a 32-bit sequence number (leading zeros allowed) and a method token.</summary>
public readonly record struct CSeqHeader(uint Sequence, string Method)
{
    public static bool TryParse(string? text, out CSeqHeader cseq)
    {
        cseq = default;
        if (text is null)
        {
            return false;
        }

        var parts = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 ||
            !uint.TryParse(parts[0], System.Globalization.NumberStyles.None, null, out var sequence) ||
            !SipGrammar.IsToken(parts[1]))
        {
            return false;
        }

        cseq = new CSeqHeader(sequence, parts[1]);
        return true;
    }

    public override string ToString() => $"{Sequence} {Method}";
}
