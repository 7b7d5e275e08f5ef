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

    public static string? RerunPath => Environment.GetEnvironmentVariable(RerunVariable) is { Length: > 0 } path ? path : null;

    public static string? TargetPath => Environment.GetEnvironmentVariable(TargetVariable) is { Length: > 0 } path ? path : null;

    public static string OutDirectory =>
        Environment.GetEnvironmentVariable(OutVariable) is { Length: > 0 } path
            ? path
            : Path.Combine(Directory.GetCurrentDirectory(), "results", "last-test-run");
}
