namespace Conformance.Harness.Web;

/// <summary>A report as a visitor types it: the number, the category's code (such as "advertising") and what happened.</summary>
public sealed record PortalReport(string Number, string Category, string Text);
