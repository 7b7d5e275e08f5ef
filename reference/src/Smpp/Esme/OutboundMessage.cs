using Smpp.Text;

namespace Smpp.Esme;

/// <summary>A text to submit: who it is from and to, and how it is coded (0x08 SMS, 0x18 flash SMS).</summary>
public sealed record OutboundMessage(string Source, string Destination, string Text, byte DataCoding = DataCodings.Ucs2)
{
    public byte SourceTon { get; init; } = 5;

    public byte SourceNpi { get; init; }

    public byte DestinationTon { get; init; } = 1;

    public byte DestinationNpi { get; init; } = 1;
}
