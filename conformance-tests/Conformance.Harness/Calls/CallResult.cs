using Sip;

namespace Conformance.Harness.Calls;

/// <summary>What the originating side saw of one call attempt.</summary>
public sealed record CallResult(SipRequest Invite, IReadOnlyList<SipResponse> Responses)
{
    /// <summary>The INVITE exactly as the suite put it on the wire, for checks that compare bytes.</summary>
    public byte[] SentBytes { get; init; } = [];

    /// <summary>The INVITE's final response; a 200 answering a CANCEL or BYE of the same call is not it.</summary>
    public SipResponse? Final => Responses.FirstOrDefault(r => r.StatusCode >= 200 && r.CSeq?.Method == "INVITE");

    public bool Answered => Final is not null;
}
