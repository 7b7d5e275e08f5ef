namespace Conformance.Harness.Calls;

/// <summary>What an originating call presents: the From number, optionally a P-Asserted-Identity number, and the callee.</summary>
public sealed record CallSpec(string FromNumber, string CalleeNumber, string? AssertedNumber = null);
