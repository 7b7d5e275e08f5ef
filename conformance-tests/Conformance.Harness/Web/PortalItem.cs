namespace Conformance.Harness.Web;

/// <summary>
/// A report or appeal as the portal shows it when followed: its id, its state as a code (a ticket's "received",
/// "forwarded", "answered", "notified"; an appeal's "pending", "cleared", "upheld") and the text the portal shows of what was typed, exactly as a reader sees it.
/// </summary>
public sealed record PortalItem(string Id, string State, string? Text);
