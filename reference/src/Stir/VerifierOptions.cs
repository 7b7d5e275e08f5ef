namespace Stir;

/// <summary>How strict the verifier is.</summary>
public sealed record VerifierOptions
{
    /// <summary>How far iat may be from now before the call is refused 403 Stale Date (RFC 8224 §6.2.2 recommends 60 s).</summary>
    public TimeSpan Freshness { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// False only in the mutant that proves the suite notices a verifier which never checks signatures
    /// (reference/README.md, mutants): every other check still runs.
    /// </summary>
    public bool CheckSignature { get; init; } = true;
}
