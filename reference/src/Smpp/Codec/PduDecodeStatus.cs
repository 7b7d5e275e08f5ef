namespace Smpp.Codec;

/// <summary>Outcome of one decode attempt: more bytes needed, a PDU, or a rejected frame.</summary>
public enum PduDecodeStatus
{
    Incomplete,
    Decoded,
    Rejected,
}
