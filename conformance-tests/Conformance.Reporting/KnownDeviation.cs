using Conformance.SpecModel;

namespace Conformance.Reporting;

/// <summary>A requirement the system is known not to meet, with the reason its vendor or lab gave.</summary>
public sealed record KnownDeviation(string Requirement, string Reason);
