namespace Reference.Reporting;

/// <summary>What opening a ticket inside another write came to: the ticket kept, or the open one it met (a duplicate).</summary>
public sealed class TicketOpening
{
    public (Ticket Ticket, bool Duplicate)? Result { get; set; }
}
