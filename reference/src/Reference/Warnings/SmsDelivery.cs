using global::Smpp.Receipts;

namespace Reference.Warnings;

/// <summary>
/// What became of one warning SMS: submitted (accepted by the SMSC, its receipt awaited), delivered (every segment's
/// receipt said DELIVRD) or undeliverable (refused, given up, or a receipt said UNDELIV, EXPIRED, DELETED or REJECTD).
/// <see cref="Receipts"/> keeps every receipt as it came, so the state can be checked against what the SMSC said.
/// </summary>
public sealed record SmsDelivery(string Destination, byte DataCoding, IReadOnlyList<string> MessageIds, SmsDeliveryState State, string Reason, DateTimeOffset At)
{
    public IReadOnlyList<SmsReceipt> Receipts { get; init; } = [];

    public static SmsDeliveryState StateOf(ReceiptState receipt) => receipt switch
    {
        ReceiptState.Delivered => SmsDeliveryState.Delivered,
        ReceiptState.Undeliverable or ReceiptState.Expired or ReceiptState.Deleted or ReceiptState.Rejected => SmsDeliveryState.Undeliverable,
        _ => SmsDeliveryState.Submitted,
    };
}
