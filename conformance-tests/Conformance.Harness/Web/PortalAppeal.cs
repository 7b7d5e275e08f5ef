namespace Conformance.Harness.Web;

/// <summary>An appeal as a holder types it: reason "reissued" (with the date the holder got the number), "different-holder" or "other" (with an explanation).</summary>
public sealed record PortalAppeal(string Number, string Holder, string Reason, DateOnly? HeldSince, string Text);
