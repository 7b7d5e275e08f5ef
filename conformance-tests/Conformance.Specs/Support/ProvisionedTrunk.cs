using Conformance.Harness.Calls;

namespace Conformance.Specs.Support;

/// <summary>An enterprise and its access trunk provisioned for one scenario: the UA that plays it and the block of numbers it holds.</summary>
/// <param name="RangePrefix">The first 7 digits of the trunk's mobile block: it holds RangePrefix + 0000 to RangePrefix + 9999.</param>
public sealed record ProvisionedTrunk(string EnterpriseId, string TrunkId, string Sector, OriginatingUa Ua, string RangePrefix)
{
    public string First => RangePrefix + "0000";

    public string Last => RangePrefix + "9999";
}
