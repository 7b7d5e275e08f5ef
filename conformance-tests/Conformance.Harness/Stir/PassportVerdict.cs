namespace Conformance.Harness.Stir;

/// <summary>What the suite's check made of an Identity header: passed, or the first problem found, with the claims when they could be read.</summary>
public sealed record PassportVerdict(bool Passed, string Problem, PassportClaims? Claims)
{
    public static PassportVerdict Pass(PassportClaims claims) => new(true, string.Empty, claims);

    public static PassportVerdict Fail(string problem, PassportClaims? claims = null) => new(false, problem, claims);
}
