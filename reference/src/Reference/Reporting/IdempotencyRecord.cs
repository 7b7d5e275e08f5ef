namespace Reference.Reporting;

/// <summary>
/// An Idempotency-Key as the intake keeps it: whose it is (<see cref="Scope"/>: the caller's account), the key, the
/// fingerprint of the report it came with, and once answered the ticket and the answer a retry gets again.
/// </summary>
public sealed record IdempotencyRecord(string Scope, string Key, string Fingerprint, DateTimeOffset At)
{
    public string TicketId { get; init; } = string.Empty;

    public string Response { get; init; } = string.Empty;
}
