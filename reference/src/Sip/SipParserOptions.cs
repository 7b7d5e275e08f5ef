namespace Sip;

public sealed record SipParserOptions
{
    /// <summary>Largest message accepted, header block and body together (a UDP datagram cannot exceed 65,535).</summary>
    public int MaxMessageSize { get; init; } = 65_535;

    public int MaxRequestUriLength { get; init; } = 4_096;

    public static SipParserOptions Default { get; } = new();
}
