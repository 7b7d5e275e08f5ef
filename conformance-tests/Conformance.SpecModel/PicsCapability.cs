namespace Conformance.SpecModel;

/// <summary>One capability of the proforma: its code, what it means, and the capabilities it presupposes.</summary>
public sealed record PicsCapability(string Code, string Title, IReadOnlyList<string> Requires);
