using System.Globalization;
using System.Text;
using Smpp.Pdus;
using Smpp.Text;

namespace Smpp.Receipts;

/// <summary>
/// An SMSC delivery receipt (SMPP 3.4 §2.11, Appendix B): a deliver_sm with esm_class message type 0x04 that names the
/// message it reports on (receipted_message_id TLV, or "id:" in the text) and how it ended (message_state TLV, or
/// "stat:" in the text). Read from either, and written with both, so peers of either habit understand it.
/// </summary>
public sealed record DeliveryReceipt(string MessageId, ReceiptState State, string Error = "000")
{
    /// <summary>esm_class bits 2–5 of a deliver_sm that is an SMSC delivery receipt.</summary>
    public const byte ReceiptMessageType = 0x04;

    /// <summary>registered_delivery 0x01: a receipt is wanted whatever the outcome.</summary>
    public const byte ReceiptRequested = 0x01;

    /// <summary>registered_delivery 0x02: a receipt only on failure.</summary>
    public const byte ReceiptOnFailure = 0x02;

    public bool IsFinal => State is not (ReceiptState.Enroute or ReceiptState.Accepted or ReceiptState.Unknown);

    public bool IsFailure => State is ReceiptState.Undeliverable or ReceiptState.Expired or ReceiptState.Deleted or ReceiptState.Rejected;

    /// <summary>Whether the submit_sm asked for a receipt for this outcome (registered_delivery bits 0–1).</summary>
    public static bool Wanted(byte registeredDelivery, bool failed) => (registeredDelivery & 0x03) switch
    {
        ReceiptRequested => true,
        ReceiptOnFailure => failed,
        _ => false,
    };

    public static bool TryRead(ShortMessagePdu deliver, out DeliveryReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(deliver);
        receipt = null!;
        if (deliver.CommandId != CommandId.DeliverSm || (deliver.EsmClass & 0x3C) != ReceiptMessageType)
        {
            return false;
        }

        var text = Encoding.ASCII.GetString(deliver.ShortMessage.Span);
        var id = deliver.FindOptional(TlvTags.ReceiptedMessageId) is { } idTlv
            ? Encoding.ASCII.GetString(idTlv.Value.Span).TrimEnd('\0')
            : Field(text, "id");
        ReceiptState? state = deliver.FindOptional(TlvTags.MessageState) is { Value.Length: 1 } stateTlv && Enum.IsDefined((ReceiptState)stateTlv.Value.Span[0])
            ? (ReceiptState)stateTlv.Value.Span[0]
            : StateOf(Field(text, "stat"));
        if (string.IsNullOrEmpty(id) || state is null)
        {
            return false;
        }

        receipt = new DeliveryReceipt(id, state.Value, Field(text, "err") ?? "000");
        return true;
    }

    /// <summary>The deliver_sm an SMSC sends back to the ESME that submitted <paramref name="submit"/>: from its destination, to its source.</summary>
    public ShortMessagePdu ToDeliverSm(ShortMessagePdu submit, DateTimeOffset submittedAt, DateTimeOffset doneAt)
    {
        ArgumentNullException.ThrowIfNull(submit);
        var delivered = State == ReceiptState.Delivered ? "001" : "000";
        var text = string.Create(CultureInfo.InvariantCulture,
            $"id:{MessageId} sub:001 dlvrd:{delivered} submit date:{submittedAt:yyMMddHHmm} done date:{doneAt:yyMMddHHmm} stat:{Word(State)} err:{Error} text:");
        return new ShortMessagePdu(CommandId.DeliverSm)
        {
            SourceTon = submit.DestinationTon,
            SourceNpi = submit.DestinationNpi,
            SourceAddress = submit.DestinationAddress,
            DestinationTon = submit.SourceTon,
            DestinationNpi = submit.SourceNpi,
            DestinationAddress = submit.SourceAddress,
            EsmClass = ReceiptMessageType,
            DataCoding = DataCodings.Default,
            ShortMessage = Encoding.ASCII.GetBytes(text),
            OptionalParameters =
            [
                new Tlv(TlvTags.ReceiptedMessageId, Encoding.ASCII.GetBytes(MessageId + "\0")),
                Tlv.FromByte(TlvTags.MessageState, (byte)State),
            ],
        };
    }

    public static string Word(ReceiptState state) => state switch
    {
        ReceiptState.Delivered => "DELIVRD",
        ReceiptState.Expired => "EXPIRED",
        ReceiptState.Deleted => "DELETED",
        ReceiptState.Undeliverable => "UNDELIV",
        ReceiptState.Accepted => "ACCEPTD",
        ReceiptState.Rejected => "REJECTD",
        ReceiptState.Enroute => "ENROUTE",
        _ => "UNKNOWN",
    };

    /// <summary>The state a receipt's stat word names (case-insensitive), or null for a word SMPP 3.4 Appendix B does not list.</summary>
    public static ReceiptState? StateOf(string? word) => word?.ToUpperInvariant() switch
    {
        "DELIVRD" => ReceiptState.Delivered,
        "EXPIRED" => ReceiptState.Expired,
        "DELETED" => ReceiptState.Deleted,
        "UNDELIV" => ReceiptState.Undeliverable,
        "ACCEPTD" => ReceiptState.Accepted,
        "REJECTD" => ReceiptState.Rejected,
        "ENROUTE" => ReceiptState.Enroute,
        "UNKNOWN" => ReceiptState.Unknown,
        _ => null,
    };

    /// <summary>The value after "name:" up to the next space, case-insensitive; "submit date" and "done date" are never asked for.</summary>
    private static string? Field(string text, string name)
    {
        var at = 0;
        while ((at = text.IndexOf(name + ":", at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            if (at == 0 || text[at - 1] == ' ')
            {
                var start = at + name.Length + 1;
                var end = text.IndexOf(' ', start);
                return end < 0 ? text[start..] : text[start..end];
            }

            at += name.Length;
        }

        return null;
    }
}
