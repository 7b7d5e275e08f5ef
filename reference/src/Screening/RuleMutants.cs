namespace Screening;

/// <summary>
/// Deliberate faults a rule can be switched into by id in <c>Screening:DisabledRules</c>, next to the rule ids that
/// switch a rule off. Each exists only to prove that the suite notices a system with that fault (reference/README.md,
/// mutants); a node in service runs with none.
/// </summary>
public static class RuleMutants
{
    /// <summary>Calls to emergency numbers are screened like any other (INT-NUM-004).</summary>
    public const string EmergencyBypass = "emergency-bypass";

    /// <summary>The roaming list is not consulted: roaming subscribers calling home are intercepted (INT-INTL-005).</summary>
    public const string RoamingException = "roaming-exception";

    /// <summary>The international rule also applies to calls from domestic carriers (INT-INTL-004).</summary>
    public const string InternationalAnyRealm = "intl-any-realm";

    /// <summary>Service numbers (95xxx, 96xxx, 400, 10xxx) are taken for non-standard numbers (INT-NUM-002).</summary>
    public const string ServiceNumbers = "service-numbers";

    /// <summary>The bombing rule counts calls per callee, whoever calls, cutting off every caller (INT-BOMB-002).</summary>
    public const string BombingPerCallee = "bombing-per-callee";

    /// <summary>A source cut off for bombing stays cut off once the window has passed (INT-BOMB-003).</summary>
    public const string BombingWindow = "bombing-window";

    /// <summary>The one-ring rule counts every cancelled call, however long it rang (INT-ONE-002).</summary>
    public const string OneRingRingTime = "one-ring-ring-time";

    /// <summary>The one-ring rule ignores answered calls (INT-ONE-003).</summary>
    public const string OneRingAnswers = "one-ring-answers";

    /// <summary>Recorded consent is ignored: every key-sector marketing call is intercepted (MKT-CON-001).</summary>
    public const string ConsentEvidence = "consent-evidence";

    /// <summary>The consent rule applies to enterprises of every sector (MKT-CON-003).</summary>
    public const string ConsentSectors = "consent-sectors";

    /// <summary>A callee's refusal is signalled as the network's own block (INT-SIG-004).</summary>
    public const string RefusalSignalling = "refusal-signalling";

    /// <summary>The network's own blocks are signalled as the callee's refusal (INT-SIG-005).</summary>
    public const string NetworkSignalling = "network-signalling";

    public static IReadOnlyList<string> All { get; } =
    [
        EmergencyBypass, RoamingException, InternationalAnyRealm, ServiceNumbers, BombingPerCallee, BombingWindow,
        OneRingRingTime, OneRingAnswers, ConsentEvidence, ConsentSectors, RefusalSignalling, NetworkSignalling,
    ];
}
