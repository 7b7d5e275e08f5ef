using global::Sip;

namespace Conformance.Harness.Sip;

/// <summary>What the originating side saw of one call attempt.</summary>
public sealed record CallResult(SipRequest Invite, IReadOnlyList<SipResponse> Responses)
{
    public SipResponse? Final => Responses.FirstOrDefault(r => r.StatusCode >= 200);

    public bool Answered => Final is not null;
}
