using Conformance.Fixtures;
using Conformance.Harness.Evidence;
using Conformance.Harness.Calls;

namespace Conformance.Specs.Support;

/// <summary>What one scenario has set up and seen so far; one instance per scenario, injected into drivers and steps.</summary>
public sealed class ScenarioState
{
    public EvidenceLog Evidence { get; } = new(TimeProvider.System);

    public NumberFaker Numbers { get; set; } = new("unnamed");

    public string Callee { get; set; } = string.Empty;

    public CallResult? LastCall { get; set; }

    /// <summary>The scenario's caller keeps back the ACK of a rejection until the scenario lets it go (RFC 3261 §17.2.1 Completed).</summary>
    public bool HoldAck { get; set; }

    /// <summary>A batch of calls the scenario placed in one step, judged together by a later one.</summary>
    public List<CallResult> Batch { get; } = [];

    public DateTimeOffset Started { get; set; } = DateTimeOffset.UtcNow;

    public bool NotApplicable { get; set; }

    /// <summary>Selected by NUnit's filter but not among the scenarios --rerun-failed runs again; no outcome is recorded.</summary>
    public bool HeldBack { get; set; }

    /// <summary>The trunk provisioned by the scenario, when it uses the access realm.</summary>
    public ProvisionedTrunk? Trunk { get; set; }

    /// <summary>The calling number the scenario's caller presents (fresh per scenario).</summary>
    public string Caller { get; set; } = string.Empty;

    /// <summary>The callee refused the scenario's marketing calls: under rfc8197 their interception is answered 607.</summary>
    public bool CalleeRefused { get; set; }

    /// <summary>The callee side's <see cref="TerminatingUa.Mark"/> taken as each call's INVITE was sent, by Call-ID: what arrived after it is the call's doing.</summary>
    public Dictionary<string, long> CalleeMarks { get; } = new(StringComparer.Ordinal);

    /// <summary>Bytes the scenario sent that the SUT must not let through, with the callee's mark taken before sending and the identifiers they carry.</summary>
    public (byte[] Bytes, long Mark, CallIdentifiers Call)? SentGarbage { get; set; }

    /// <summary>
    /// Calls the scenario placed so far: the next one goes to the entry point after the last one's, so that the calls a
    /// rule counts are spread over every node of a system listed with several addresses per realm.
    /// </summary>
    public int CallsPlaced { get; set; }

    /// <summary>A number the scenario put on a list (roaming, do-not-originate).</summary>
    public string Listed { get; set; } = string.Empty;
}
