namespace Smpp.Codec;

/// <summary>Why a sequence of bytes is not a PDU this library accepts.</summary>
public enum PduRejectReason
{
    CommandLengthTooSmall,
    CommandLengthTooLarge,
    UnknownCommandId,
    FieldTruncated,
    CStringTooLong,
    ShortMessageTooLong,
    InvalidOptionalParameter,
    UnexpectedBody,
    InvalidNumberOfDestinations,
    InvalidDestinationFlag,
}
