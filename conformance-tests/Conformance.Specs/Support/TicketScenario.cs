using Conformance.Harness.Labelling;
using Conformance.Harness.Tickets;

namespace Conformance.Specs.Support;

/// <summary>What a reporting scenario has done so far: the reports it sent and their answers, its ticket, the calendar it set.</summary>
public sealed class TicketScenario
{
    /// <summary>The phone number of the subscriber a carrier's intake reports for; a new one for "another subscriber".</summary>
    public string? Subscriber { get; set; }

    public ReportBody? FirstReport { get; set; }

    public ApiAnswer? FirstAnswer { get; set; }

    public ReportBody? LastReport { get; set; }

    public ApiAnswer? LastAnswer { get; set; }

    /// <summary>The ticket of the scenario's first report that was answered 201.</summary>
    public string? TicketId { get; set; }

    public string? IdempotencyKey { get; set; }

    public string? OtherNumber { get; set; }

    /// <summary>The Tuesday before the holidays the scenario's calendar declares (a Beijing day).</summary>
    public DateOnly? HolidayTuesday { get; set; }

    /// <summary>The year the scenario replaced, and what the system answered for it before (null: it held none).</summary>
    public (int Year, string? Original)? ReplacedCalendar { get; set; }
}
