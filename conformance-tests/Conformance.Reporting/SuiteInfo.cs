namespace Conformance.Reporting;

public sealed record SuiteInfo(string Name, string Version);
