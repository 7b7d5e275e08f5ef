using System.Globalization;
using Stir;

namespace Reference.CallerAuthentication;

/// <summary>
/// Configuration section Stir: <c>Enabled</c>; the node's own signer (<c>X5u</c>, <c>SigningKey</c> and
/// <c>Certificate</c> PEM paths; a self-signed key is made when they are absent); the certificates it trusts
/// (<c>Trusted:N:X5u</c> and <c>Trusted:N:Certificate</c>); <c>FreshnessSeconds</c> (default 60); and
/// <c>DisabledChecks</c>, mutants that prove the suite notices a node without one check (<see cref="Checks"/>).
/// </summary>
public sealed record StirOptions(bool Enabled, string X5u, string? SigningKey, string? Certificate, IReadOnlyList<(string X5u, string Path)> Trusted, VerifierOptions Verifier)
{
    public const string SignatureMutant = "signature";

    /// <summary>A certificate the node cannot obtain does not refuse the call (AUTH-STIR-007).</summary>
    public const string X5uMutant = "x5u";

    /// <summary>An expired or otherwise unusable credential does not refuse the call (AUTH-STIR-008).</summary>
    public const string ExpiryMutant = "expiry";

    /// <summary>A stale iat does not refuse the call (AUTH-STIR-010).</summary>
    public const string FreshnessMutant = "freshness";

    /// <summary>A peer that must sign is let through without an Identity header (AUTH-STIR-006).</summary>
    public const string IdentityRequiredMutant = "identity-required";

    /// <summary>Verified calls are forwarded without verstat (AUTH-STIR-004, -005).</summary>
    public const string VerstatMutant = "verstat";

    /// <summary>Every call is signed with attestation B (AUTH-STIR-001, -003).</summary>
    public const string AttestationMutant = "attestation";

    /// <summary>Each call gets an origid of its own instead of its entry point's (AUTH-STIR-002).</summary>
    public const string OrigidMutant = "origid";

    /// <summary>Calls from abroad leave unsigned (AUTH-STIR-003).</summary>
    public const string GatewayMutant = "gateway-signing";

    public const string DefaultX5u = "https://cert.reference.example/shaken.pem";

    public static IReadOnlyList<string> Checks { get; } =
        [SignatureMutant, X5uMutant, ExpiryMutant, FreshnessMutant, IdentityRequiredMutant, VerstatMutant, AttestationMutant, OrigidMutant, GatewayMutant];

    /// <summary>The checks switched off (mutants only; empty in service).</summary>
    public IReadOnlySet<string> Disabled { get; init; } = new HashSet<string>();

    public static StirOptions From(IConfiguration section)
    {
        var disabled = section.GetSection("DisabledChecks").Get<string[]>() ?? [];
        var unknown = disabled.Where(c => !Checks.Contains(c, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (unknown.Length > 0)
        {
            throw new InvalidOperationException($"Configuration Stir:DisabledChecks names {string.Join(", ", unknown)}; those known are {string.Join(", ", Checks)}.");
        }

        var freshness = section["FreshnessSeconds"] is not { } text ? 60
            : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? seconds
            : throw new InvalidOperationException($"Configuration Stir:FreshnessSeconds is '{text}'; expected a positive whole number of seconds.");
        var trusted = section.GetSection("Trusted").GetChildren()
            .Select(c => (c["X5u"], c["Certificate"]) is ({ Length: > 0 } x5u, { Length: > 0 } path)
                ? (x5u, path)
                : throw new InvalidOperationException($"Configuration Stir:Trusted:{c.Key} needs both X5u (the URL PASSporTs name) and Certificate (a local PEM file)."))
            .ToList();
        return new StirOptions(
            section.GetValue("Enabled", false),
            section["X5u"] ?? DefaultX5u,
            section["SigningKey"],
            section["Certificate"],
            trusted,
            new VerifierOptions { Freshness = TimeSpan.FromSeconds(freshness), CheckSignature = !disabled.Contains(SignatureMutant, StringComparer.OrdinalIgnoreCase) })
        {
            Disabled = new HashSet<string>(disabled, StringComparer.OrdinalIgnoreCase),
        };
    }
}
