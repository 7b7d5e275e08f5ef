namespace Conformance.Harness.Targets;

/// <summary>
/// The rule parameters no national text fixes (target file key "parameters"): the suite places as many calls and
/// moves the clock as far as these say, so a lab that configured its own thresholds is tested against them.
/// </summary>
public sealed record RuleParameters
{
    public int OneRingCallees { get; init; } = 20;

    public int OneRingSeconds { get; init; } = 5;

    public int OneRingWindowMinutes { get; init; } = 10;

    /// <summary>"Almost no answers": a caller with more answered calls than this in the window is not flagged.</summary>
    public int OneRingMaxAnswers { get; init; } = 1;

    public int BombingLimit { get; init; } = 10;

    public int BombingWindowSeconds { get; init; } = 60;

    public int MarketingShortLimit { get; init; } = 3;

    public int MarketingShortWindowMinutes { get; init; } = 5;

    public int MarketingDailyLimit { get; init; } = 5;

    /// <summary>How long a consent's evidence is kept; past it the consent has lapsed. Default five months (153 days).</summary>
    public int ConsentRetentionDays { get; init; } = 153;

    /// <summary>How long call records are kept for traceback; past it they are gone. Default 184 days, so at least six months.</summary>
    public int CallRecordRetentionDays { get; init; } = 184;

    /// <summary>Working days a report's ticket has to be forwarded to its department, from the day of receipt (REP-DDL-001; default 3).</summary>
    public int ForwardReportDays { get; init; } = 3;

    /// <summary>Working days the department has to answer, from the day the ticket was forwarded (default 15).</summary>
    public int AnswerReportDays { get; init; } = 15;

    /// <summary>Working days to tell the reporter, from the day of the answer (default 3).</summary>
    public int NotifyReportDays { get; init; } = 3;

    /// <summary>Calling hours of marketing calls, Beijing time, "HH:mm-HH:mm".</summary>
    public string CallingHours { get; init; } = "08:00-21:00";

    /// <summary>Distinct reporters who must agree, within the label window, before reports label a number.</summary>
    public int LabelReporters { get; init; } = 10;

    public int LabelWindowDays { get; init; } = 30;

    /// <summary>The longest report text accepted, in characters; a longer one is refused.</summary>
    public int ReportTextLimit { get; init; } = 500;

    /// <summary>Days from filing by which an appeal that is not cleared automatically must be decided.</summary>
    public int AppealDeadlineDays { get; init; } = 7;
    /// <summary>How far a PASSporT's iat may be from now before the verifier refuses it 403 Stale Date (RFC 8224 §6.2.2).</summary>
    public int StirFreshnessSeconds { get; init; } = 60;

    public TimeSpan CallingHoursStart => TimeSpan.Parse(CallingHours.Split('-')[0], System.Globalization.CultureInfo.InvariantCulture);

    public TimeSpan CallingHoursEnd => CallingHours.Split('-')[1] == "24:00" ? TimeSpan.FromHours(24) : TimeSpan.Parse(CallingHours.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The reference node's configuration keys for these values (reference adapter only).</summary>
    public IEnumerable<string> AsReferenceArguments() =>
    [
        $"--Screening:OneRing:Callees={OneRingCallees}",
        $"--Screening:OneRing:RingSeconds={OneRingSeconds}",
        $"--Screening:OneRing:WindowMinutes={OneRingWindowMinutes}",
        $"--Screening:OneRing:MaxAnswers={OneRingMaxAnswers}",
        $"--Screening:Bombing:Limit={BombingLimit}",
        $"--Screening:Bombing:WindowSeconds={BombingWindowSeconds}",
        $"--Screening:Marketing:ShortLimit={MarketingShortLimit}",
        $"--Screening:Marketing:ShortWindowMinutes={MarketingShortWindowMinutes}",
        $"--Screening:Marketing:DailyLimit={MarketingDailyLimit}",
        $"--Screening:Marketing:CallingHours={CallingHours}",
        $"--Screening:Marketing:ConsentRetentionDays={ConsentRetentionDays}",
        $"--Labelling:Reporters={LabelReporters}",
        $"--Labelling:WindowDays={LabelWindowDays}",
        $"--Labelling:MaxTextLength={ReportTextLimit}",
        $"--Labelling:AppealDeadlineDays={AppealDeadlineDays}",
        $"--Stir:FreshnessSeconds={StirFreshnessSeconds}",
        $"--CallRecords:RetentionDays={CallRecordRetentionDays}",
        $"--Reporting:ForwardDays={ForwardReportDays}",
        $"--Reporting:AnswerDays={AnswerReportDays}",
        $"--Reporting:NotifyDays={NotifyReportDays}",
    ];
}
