namespace Conformance.Cli;

/// <summary>The options of `conformance run`, as given on the command line.</summary>
public sealed record RunOptions(
    FileInfo? Target,
    DirectoryInfo? Out,
    IReadOnlyList<string> Tags,
    string? Profile,
    DirectoryInfo? RerunFailed,
    FileInfo? Deviations,
    FileInfo? SigningKey,
    int? Seed = null,
    bool Force = false);
