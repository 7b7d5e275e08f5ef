namespace Conformance.Reporting;

public sealed record TargetInfo(string Description, string Adapter, string? Vendor, string? Product, string? Version, string SignallingProfile);
