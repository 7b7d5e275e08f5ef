namespace Reference.Access;

/// <summary>
/// An issued management API key as the node keeps it: never the secret, only its SHA-256 (<see cref="ApiKeyHash"/>).
/// <see cref="Account"/> is whom the key speaks for: the reporter account of a public reporter, the enterprise id
/// of an enterprise; a revoked key stays on record with <see cref="RevokedAt"/>.
/// </summary>
public sealed record ApiKey(string Id, IReadOnlyList<Role> Roles, string Account, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt = null);
