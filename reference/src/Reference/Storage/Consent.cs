namespace Reference.Storage;

/// <summary>A callee's consent to an enterprise's marketing calls, with the evidence that must be kept (default ≥ 5 months).</summary>
public sealed record Consent(string EnterpriseId, string Callee, string Evidence, DateTimeOffset RecordedAt, DateTimeOffset KeepUntil);
