namespace Smpp.Codec;

/// <summary>Raised inside the decoder for a malformed body; <see cref="PduCodec.Decode"/> turns it into a rejection.</summary>
internal sealed class PduFormatException(PduRejectReason reason, string message) : Exception(message)
{
    public PduRejectReason Reason { get; } = reason;
}
