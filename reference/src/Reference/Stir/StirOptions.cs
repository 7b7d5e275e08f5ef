using System.Globalization;
using global::Stir;

namespace Reference.Stir;

/// <summary>
/// Configuration section Stir: <c>Enabled</c>; the node's own signer (<c>X5u</c>, <c>SigningKey</c> and
/// <c>Certificate</c> PEM paths; a self-signed key is made when they are absent); the certificates it trusts
/// (<c>Trusted:N:X5u</c> and <c>Trusted:N:Certificate</c>); <c>FreshnessSeconds</c> (default 60); and
/// <c>DisabledChecks</c> ["signature"], the mutant that proves the suite notices a verifier that checks no signature.
/// </summary>
public sealed record StirOptions(bool Enabled, string X5u, string? SigningKey, string? Certificate, IReadOnlyList<(string X5u, string Path)> Trusted, VerifierOptions Verifier)
{
    public const string SignatureMutant = "signature";
    public const string DefaultX5u = "https://cert.reference.example/shaken.pem";

    public static StirOptions From(IConfiguration section)
    {
        var disabled = section.GetSection("DisabledChecks").Get<string[]>() ?? [];
        var unknown = disabled.Where(c => !string.Equals(c, SignatureMutant, StringComparison.OrdinalIgnoreCase)).ToArray();
        if (unknown.Length > 0)
        {
            throw new InvalidOperationException($"Configuration Stir:DisabledChecks names {string.Join(", ", unknown)}; the only one known is {SignatureMutant}.");
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
            new VerifierOptions { Freshness = TimeSpan.FromSeconds(freshness), CheckSignature = disabled.Length == 0 });
    }
}
