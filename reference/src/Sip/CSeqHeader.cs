namespace Sip;

/// <summary>CSeq: a 32-bit sequence number (leading zeros allowed) and a method token.</summary>
public readonly record struct CSeqHeader(uint Sequence, string Method)
{
    public static bool TryParse(string? text, out CSeqHeader cseq)
    {
        cseq = default;
        return text is not null && ByteGrammar.ReadChars(text, static (ReadOnlySpan<byte> bytes, out CSeqHeader value) =>
        {
            value = default;
            if (!ByteGrammar.TryCSeq(bytes, out var sequence, out var method))
            {
                return false;
            }

            value = new CSeqHeader(sequence, System.Text.Encoding.ASCII.GetString(method));
            return true;
        }, out cseq);
    }

    /// <summary>The method as the proxy tells it apart.</summary>
    public SipMethod Kind => SipMethods.Of(Method);

    public override string ToString() => $"{Sequence} {Method}";
}
