using Smpp.Pdus;

namespace Smpp.Codec;

/// <summary>What <see cref="PduCodec.Decode"/> found at the start of a buffer and how many bytes it used.</summary>
public readonly record struct PduDecodeResult(PduDecodeStatus Status, Pdu? Pdu, PduRejection? Rejection, int Consumed)
{
    public static PduDecodeResult Incomplete { get; } = new(PduDecodeStatus.Incomplete, null, null, 0);

    public static PduDecodeResult Decoded(Pdu pdu, int consumed) => new(PduDecodeStatus.Decoded, pdu, null, consumed);

    public static PduDecodeResult Rejected(PduRejection rejection, int consumed) => new(PduDecodeStatus.Rejected, null, rejection, consumed);
}
