using System.Security.Cryptography;
using Labelling;
using Reference.Storage;

namespace Reference.Reporting;

/// <summary>
/// Opens a ticket for each report, routed to its department, with the deadline of each step reckoned in working days
/// from the step before (forwarded within 3 of receipt, answered within 15 of forwarding, reporter told within 3 of
/// the answer, by default), and records the steps in that order. Deadlines are set when the step before is done, on
/// the calendar in force then.
/// </summary>
public sealed class TicketDesk(SqlTicketStore store, HolidayCalendars calendars, DepartmentRoutes routes, ReportingOptions options)
{
    public ReportingOptions Options => options;

    public DepartmentRoutes Routes => routes;

    public HolidayCalendars Calendars => calendars;

    public SqlTicketStore Store => store;

    /// <summary>A new ticket for a report received at <paramref name="at"/>, not yet kept.</summary>
    public Ticket Draft(string number, LabelCategory category, string channel, string reporter, string text, DateTimeOffset at) => new(
        NewId(at),
        number,
        category,
        channel,
        reporter,
        text,
        options.Disabled(ReportingOptions.RoutingMutant) ? routes.Default : routes.For(category),
        TicketState.Received,
        at,
        Deadline(at, options.ForwardDays));

    /// <summary>Keeps <paramref name="draft"/>, or answers the reporter's open ticket on the same number (REP-DUP-001).</summary>
    public (Ticket Ticket, bool Duplicate) Open(Ticket draft, IdempotencyRecord? key, Func<Ticket, bool, string> answer)
    {
        if (options.Disabled(ReportingOptions.TicketMutant))
        {
            return (draft, false);
        }

        var dedup = options.Disabled(ReportingOptions.DuplicatesMutant) ? null : draft.Reporter + "\n" + draft.Number;
        return store.Open(draft, dedup, key, answer);
    }

    /// <summary>
    /// Keeps <paramref name="draft"/> in the same transaction as the report it stems from (<see cref="SqlLabelJournal.Alongside"/>),
    /// or answers the reporter's open ticket on the same number; <paramref name="report"/> writes the report. One commit
    /// for both, so that neither is kept without the other. Without a journal in the same store the ticket is written after.
    /// </summary>
    public (Ticket Ticket, bool Duplicate, T Reported) OpenWith<T>(Ticket draft, Func<T> report)
    {
        if (options.Disabled(ReportingOptions.TicketMutant))
        {
            return (draft, false, report());
        }

        var dedup = options.Disabled(ReportingOptions.DuplicatesMutant) ? null : draft.Reporter + "\n" + draft.Number;
        var opening = new TicketOpening();
        T reported;
        using (var alongside = SqlLabelJournal.Alongside(store.Database, (tx, _) => store.OpenIn(tx, draft, dedup, opening, null)))
        {
            reported = report();
            if (!alongside.Taken)
            {
                var (ticket, duplicate) = store.Open(draft, dedup, null, (_, _) => string.Empty);
                return (ticket, duplicate, reported);
            }
        }

        var (kept, met) = opening.Result ?? throw new Storage.StorageException($"ticket {draft.Id} was written with its report but not told what became of it");
        return (kept, met, reported);
    }

    /// <summary>
    /// <see cref="OpenWith{T}"/> awaited, and with an idempotency key: the report, its ticket (or the open one it met) and
    /// the answer kept for <paramref name="key"/> are one write, one commit. <paramref name="answer"/> makes the answer
    /// from the ticket, whether it was a duplicate, and what the report came to (the book foresees that before writing).
    /// </summary>
    public async Task<(Ticket Ticket, bool Duplicate, ReportResult Reported)> OpenWithAsync(
        Ticket draft, IdempotencyRecord? key, Func<Task<ReportResult>> report, Func<Ticket, bool, ReportResult, string> answer)
    {
        if (options.Disabled(ReportingOptions.TicketMutant))
        {
            return (draft, false, await report().ConfigureAwait(false));
        }

        var dedup = options.Disabled(ReportingOptions.DuplicatesMutant) ? null : draft.Reporter + "\n" + draft.Number;
        var opening = new TicketOpening();
        ReportResult reported;
        using (var alongside = SqlLabelJournal.Alongside(store.Database, (tx, result) => store.OpenIn(tx, draft, dedup, opening,
                   key is null ? null : (key, answer(draft, false, result ?? throw new InvalidOperationException("an awaited report is told what it comes to"))))))
        {
            reported = await report().ConfigureAwait(false);
            if (!alongside.Taken)
            {
                var (ticket, duplicate) = await store.OpenAsync(draft, dedup, key, (t, d) => answer(t, d, reported)).ConfigureAwait(false);
                return (ticket, duplicate, reported);
            }
        }

        var (kept, met) = opening.Result ?? throw new Storage.StorageException($"ticket {draft.Id} was written with its report but not told what became of it");
        return (kept, met, reported);
    }

    /// <summary>
    /// Records <paramref name="step"/> ("forwarded", "answered", "notified") at <paramref name="at"/>: the ticket as it
    /// now stands, or null with the reason when the ticket is not in the state the step follows.
    /// </summary>
    public (Ticket? Ticket, string? Refusal) Step(Ticket ticket, string step, string? answer, DateTimeOffset at)
    {
        var (from, to) = TicketStates.Step(step) ?? throw new ArgumentException($"no step '{step}'", nameof(step));
        var anyOrder = options.Disabled(ReportingOptions.StepOrderMutant);
        if (ticket.State != from && !anyOrder)
        {
            return (null, $"ticket {ticket.Id} is {ticket.State.Code()}; it can be {step} only once it is {from.Code()}");
        }

        var updated = to switch
        {
            TicketState.Forwarded => ticket with { State = to, ForwardedAt = at, AnswerBy = Deadline(at, options.AnswerDays) },
            TicketState.Answered => ticket with { State = to, AnsweredAt = at, Answer = answer, NotifyBy = Deadline(at, options.NotifyDays) },
            _ => ticket with { State = to, NotifiedAt = at },
        };
        return store.Step(updated, anyOrder ? null : from)
            ? (updated, null)
            : (null, $"ticket {ticket.Id} changed while this step was recorded; read it again");
    }

    /// <summary>Tickets past the deadline of the step they wait for (the overdue mutant watches forwarding only).</summary>
    public IReadOnlyList<Ticket> Overdue(DateTimeOffset now, string? number, int limit) =>
        store.Overdue(now, number, options.Disabled(ReportingOptions.OverdueMutant)
            ? [TicketState.Received]
            : [TicketState.Received, TicketState.Forwarded, TicketState.Answered], limit);

    public DateTimeOffset Deadline(DateTimeOffset from, int days) =>
        calendars.Current.Deadline(from, days,
            useCalendar: !options.Disabled(ReportingOptions.CalendarMutant),
            everyDay: options.Disabled(ReportingOptions.WorkingDaysMutant));

    private static string NewId(DateTimeOffset at) =>
        $"RPT-{at.ToOffset(HolidayCalendar.Beijing):yyyyMMdd}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(6))}";
}
