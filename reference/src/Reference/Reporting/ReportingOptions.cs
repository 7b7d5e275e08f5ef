using Reference.Access;

namespace Reference.Reporting;

/// <summary>
/// Configuration section Reporting: the working days a ticket has for each step (ForwardDays, AnswerDays, NotifyDays;
/// by default 3, 15 and 3, REQUIREMENTS.md area 10), the data files that replace the shipped holiday calendar and
/// routing table (CalendarFile, RoutesFile), and the mutants that switch a rule off to prove the suite notices
/// (DisabledRules).
/// </summary>
public sealed record ReportingOptions
{
    /// <summary>Mutant: the intake answers a ticket id but keeps no ticket.</summary>
    public const string TicketMutant = "reporting-ticket";

    /// <summary>Mutant: every ticket goes to the routing table's default department, whatever its category.</summary>
    public const string RoutingMutant = "reporting-routing";

    /// <summary>Mutant: a report text over the limit is taken.</summary>
    public const string TextLimitMutant = "reporting-text-limit";

    /// <summary>Mutant: each repeat of a report opens a ticket of its own.</summary>
    public const string DuplicatesMutant = "reporting-duplicates";

    /// <summary>Mutant: the Idempotency-Key header is ignored.</summary>
    public const string IdempotencyMutant = "reporting-idempotency";

    /// <summary>Mutant: deadlines are counted in calendar days, weekends and holidays included.</summary>
    public const string WorkingDaysMutant = "reporting-working-days";

    /// <summary>Mutant: the holiday calendar is ignored (Monday to Friday are the working days).</summary>
    public const string CalendarMutant = "reporting-calendar";

    /// <summary>Mutant: the overdue list watches only forwarding, not the answer or telling the reporter.</summary>
    public const string OverdueMutant = "reporting-overdue";

    /// <summary>Mutant: a ticket's steps are taken in any order.</summary>
    public const string StepOrderMutant = "reporting-step-order";

    /// <summary>Mutant: any reporter's key reads any ticket.</summary>
    public const string OwnerMutant = "reporting-owner";

    /// <summary>Mutant: a public reporter's key may record a ticket's steps.</summary>
    public const string StepAccessMutant = "reporting-step-access";

    public static readonly string[] Mutants =
    [
        TicketMutant, RoutingMutant, TextLimitMutant, DuplicatesMutant, IdempotencyMutant, WorkingDaysMutant,
        CalendarMutant, OverdueMutant, StepOrderMutant, OwnerMutant, StepAccessMutant,
    ];

    public int ForwardDays { get; init; } = 3;

    public int AnswerDays { get; init; } = 15;

    public int NotifyDays { get; init; } = 3;

    public string? CalendarFile { get; init; }

    public string? RoutesFile { get; init; }

    public IReadOnlySet<string> DisabledRules { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public bool Disabled(string mutant) => DisabledRules.Contains(mutant);

    /// <summary>Who records a ticket's steps: the carrier's operator (REP-ACL-002), and public reporters too under the mutant.</summary>
    public Role[] Stewards => Disabled(StepAccessMutant) ? [Role.CarrierOperator, Role.PublicReporter] : [Role.CarrierOperator];

    public static ReportingOptions From(IConfiguration section)
    {
        return new ReportingOptions
        {
            ForwardDays = Days(section, "ForwardDays", 3),
            AnswerDays = Days(section, "AnswerDays", 15),
            NotifyDays = Days(section, "NotifyDays", 3),
            CalendarFile = section["CalendarFile"] is { Length: > 0 } calendar ? calendar : null,
            RoutesFile = section["RoutesFile"] is { Length: > 0 } routes ? routes : null,
            DisabledRules = (section.GetSection("DisabledRules").Get<string[]>() ?? []).ToHashSet(StringComparer.Ordinal),
        };
    }

    private static int Days(IConfiguration section, string key, int fallback)
    {
        var days = section.GetValue(key, fallback);
        return days is >= 1 and <= 366
            ? days
            : throw new InvalidOperationException($"Reporting:{key} must be a whole number of working days from 1 to 366, found {days}");
    }
}
