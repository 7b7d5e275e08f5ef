namespace Conformance.Harness;

/// <summary>
/// How a run is parameterised from outside, for both `dotnet test` and the CLI: environment variables, because
/// they reach the test process whichever runner starts it.
/// </summary>
public static class SuiteEnvironment
{
    /// <summary>Path of the target file; unset means the embedded reference.</summary>
    public const string TargetVariable = "CONFORMANCE_TARGET";

    /// <summary>Directory where scenario outcomes are written; unset means results/last-test-run under the working directory.</summary>
    public const string OutVariable = "CONFORMANCE_OUT";

    /// <summary>Path of a file listing the only scenarios to run (--rerun-failed); unset means every scenario the test filter selects.</summary>
    public const string RerunVariable = "CONFORMANCE_RERUN";

    /// <summary>The run's seed for scenario data (decimal integer); unset means a new seed per process.</summary>
    public const string SeedVariable = "CONFORMANCE_SEED";

    private static readonly Lazy<int> DrawnSeed = new(() => System.Security.Cryptography.RandomNumberGenerator.GetInt32(1, int.MaxValue));

    /// <summary>
    /// The seed every scenario's data is drawn from, with the scenario's name: fresh per run so that a run never meets
    /// an earlier run's enterprises, trunks and numbers on a long-lived system; given (--seed) to replay a run.
    /// </summary>
    public static int RunSeed =>
        Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } text
            ? int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seed)
                ? seed
                : throw new FormatException($"{SeedVariable}={text}: the seed must be a decimal integer, such as the one a report names under \"seed\".")
            : DrawnSeed.Value;

    public static string? RerunPath => Environment.GetEnvironmentVariable(RerunVariable) is { Length: > 0 } path ? path : null;

    public static string? TargetPath => Environment.GetEnvironmentVariable(TargetVariable) is { Length: > 0 } path ? path : null;

    public static string OutDirectory =>
        Environment.GetEnvironmentVariable(OutVariable) is { Length: > 0 } path
            ? path
            : Path.Combine(Directory.GetCurrentDirectory(), "results", "last-test-run");
}
