using Reference.Reporting;

namespace Reference.Portal;

/// <summary>Open tickets in one state (so waiting for one step) by where they stand against that step's deadline.</summary>
public sealed record TicketDeadlines(TicketState State, long OnTime, long DueSoon, long Overdue);
