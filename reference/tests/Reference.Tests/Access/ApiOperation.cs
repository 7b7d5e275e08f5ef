namespace Reference.Tests.Access;

/// <summary>One operation of the API document; <see cref="Roles"/> null when it declares no x-roles at all (an error the tests name).</summary>
public sealed record ApiOperation(string Method, string Path, IReadOnlyList<string>? Roles)
{
    public bool Anonymous => Roles is { Count: 0 };

    /// <summary>The path with its parameters filled in with values the node parses.</summary>
    public string Concrete => Path
        .Replace("{number}", "13800138000", StringComparison.Ordinal)
        .Replace("{callee}", "13800138000", StringComparison.Ordinal)
        .Replace("{enterpriseId}", "e-none", StringComparison.Ordinal)
        .Replace("{year}", "2026", StringComparison.Ordinal)
        .Replace("{id}", "none", StringComparison.Ordinal);

    public override string ToString() => $"{Method} {Path}";
}
