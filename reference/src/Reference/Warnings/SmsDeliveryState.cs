namespace Reference.Warnings;

/// <summary>Codes "submitted", "delivered", "undeliverable" on the wire.</summary>
public enum SmsDeliveryState
{
    Submitted,
    Delivered,
    Undeliverable,
}
