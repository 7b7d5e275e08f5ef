namespace Conformance.SpecModel;

/// <summary>
/// What one capability implies a system advertises in its answer to SIP OPTIONS (RFC 3261 §11): the methods it must
/// list in Allow and the option tags it must list in Supported (spec/pics.yaml, key "advertised").
/// </summary>
public sealed record SipAdvertisement(IReadOnlyList<string> Methods, IReadOnlyList<string> Extensions);
