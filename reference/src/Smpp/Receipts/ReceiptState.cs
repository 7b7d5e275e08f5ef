namespace Smpp.Receipts;

/// <summary>message_state values (SMPP 3.4 §5.3.2.35) and the stat: words of a receipt's text (Appendix B).</summary>
public enum ReceiptState : byte
{
    Unknown = 7,
    Enroute = 1,
    Delivered = 2,
    Expired = 3,
    Deleted = 4,
    Undeliverable = 5,
    Accepted = 6,
    Rejected = 8,
}
