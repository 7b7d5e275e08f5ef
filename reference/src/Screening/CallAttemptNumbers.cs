using Screening.Numbering;

namespace Screening;

/// <summary>The call's numbers read against the national plan once, however many rules ask.</summary>
public sealed partial record CallAttempt
{
    private NumberCheck? _presented;
    private NumberCheck? _asserted;
    private NumberCheck? _called;

    public NumberCheck Presented => _presented ??= NumberingPlan.Check(PresentedNumber);

    public NumberCheck? Asserted => AssertedNumber is null ? null : _asserted ??= NumberingPlan.Check(AssertedNumber);

    public NumberCheck Called => _called ??= NumberingPlan.Check(CalledNumber);

    /// <summary>The checked calling identities: From, and P-Asserted-Identity when it differs.</summary>
    public IEnumerable<NumberCheck> CallingChecks =>
        AssertedNumber is null || AssertedNumber == PresentedNumber ? [Presented] : [Presented, Asserted!.Value];

    /// <summary>Who is counted as the caller by rate rules: the asserted identity when there is one.</summary>
    public NumberCheck Caller => Asserted ?? Presented;
}
