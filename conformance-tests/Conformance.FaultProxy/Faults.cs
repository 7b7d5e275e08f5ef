namespace Conformance.FaultProxy;

/// <summary>
/// The faults the proxy can add, by name (a target file's <c>reference.faults</c>). Each is what a faulty system
/// would do on the wire or at its management API; reference/README.md (mutants) lists the requirements each fails.
/// </summary>
public static class Faults
{
    /// <summary>ACKs from callers are also sent on to the callee: the system does not absorb the ACK of a rejection.</summary>
    public const string RelayAck = "relay-ack";

    /// <summary>
    /// A retransmitted INVITE (a Via branch relayed before) is dropped: the system repeats its final response only
    /// when its own timer G fires, never in answer to the retransmission.
    /// </summary>
    public const string IgnoreRetransmission = "ignore-retransmission";

    /// <summary>Datagrams that are not SIP are passed on to the callee.</summary>
    public const string RelayGarbage = "relay-garbage";

    /// <summary>Every call is also sent to the callee under a new Call-ID, intercepted or not.</summary>
    public const string ForwardNewCallId = "forward-new-call-id";

    /// <summary>Forwarded INVITEs gain a label Call-Info (purpose=label) whatever the caller.</summary>
    public const string AddLabelHeader = "add-label-header";

    /// <summary>Final responses to callers lose their Reason header (and with it the redress contact).</summary>
    public const string StripReason = "strip-reason";

    /// <summary>Forwarded INVITEs present the calling number rewritten to +E.164.</summary>
    public const string RewriteCallerNumber = "rewrite-caller-number";

    /// <summary>PUT /v1/parameters is answered 204 and never reaches the system, which keeps its defaults.</summary>
    public const string IgnoreParameters = "ignore-parameters";

    /// <summary>Requests the system refuses (4xx) are answered as accepted (201, or 204 to a PUT).</summary>
    public const string HideRefusals = "hide-refusals";

    /// <summary>Every label lookup (GET /v1/labels/…) is answered 404.</summary>
    public const string LookupNotFound = "lookup-not-found";

    public static IReadOnlyList<string> All { get; } =
        [RelayAck, IgnoreRetransmission, RelayGarbage, ForwardNewCallId, AddLabelHeader, StripReason, RewriteCallerNumber, IgnoreParameters, HideRefusals, LookupNotFound];

    /// <summary>The names among <paramref name="names"/> that are no fault; empty when all are known.</summary>
    public static IReadOnlyList<string> Unknown(IEnumerable<string> names) =>
        names.Where(n => !All.Contains(n, StringComparer.Ordinal)).ToList();
}
