namespace Conformance.Harness.Web;

/// <summary>A label as the portal shows it: the category's code and the source's code ("reports", "carrier-analytics", "enterprise-declaration").</summary>
public sealed record PortalLabel(string Category, string Source);
