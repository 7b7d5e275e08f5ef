using Conformance.Harness.Targets;

namespace Conformance.Harness.Adapters;

/// <summary>The management API's bearer token, read from the environment variable the target file names; the file never holds it.</summary>
public static class ManagementToken
{
    /// <summary>Null when the file names no variable; a named variable that is unset or empty makes the SUT unavailable, with the variable named.</summary>
    public static string? Read(TargetFile target)
    {
        if (target.ManagementTokenVariable is not { } variable)
        {
            return null;
        }

        return Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new SutUnavailableException($"the environment variable {variable} named by $.management.tokenVariable in {target.SourcePath} is not set; export the management API token in it before the run");
    }

    /// <summary>The keys of $.management.roleTokenVariables; an unset variable leaves its role out, so only the scenarios needing it are inconclusive.</summary>
    public static IReadOnlyDictionary<string, string> ReadRoles(TargetFile target) =>
        target.RoleTokenVariables
            .Select(r => (r.Key, Value: Environment.GetEnvironmentVariable(r.Value)))
            .Where(r => r.Value is { Length: > 0 })
            .ToDictionary(r => r.Key, r => r.Value!, StringComparer.Ordinal);
}
