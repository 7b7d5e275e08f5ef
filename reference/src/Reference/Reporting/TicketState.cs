namespace Reference.Reporting;

/// <summary>Where a ticket stands: received, forwarded to its department, answered by it, reporter told (closed).</summary>
public enum TicketState
{
    Received,
    Forwarded,
    Answered,
    Notified,
}
