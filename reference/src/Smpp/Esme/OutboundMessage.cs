using Smpp.Text;

namespace Smpp.Esme;

/// <summary>A text to submit: who it is from and to, and how it is coded (0x00 GSM 7-bit, 0x08 SMS, 0x18 flash SMS).</summary>
public sealed record OutboundMessage(string Source, string Destination, string Text, byte DataCoding = DataCodings.Ucs2)
{
    public byte SourceTon { get; init; } = 5;

    public byte SourceNpi { get; init; }

    public byte DestinationTon { get; init; } = 1;

    public byte DestinationNpi { get; init; } = 1;

    /// <summary>Ask the SMSC for a delivery receipt (registered_delivery 0x01); it arrives as <see cref="EsmeClient.ReceiptReceived"/>.</summary>
    public bool RequestReceipt { get; init; }
}
