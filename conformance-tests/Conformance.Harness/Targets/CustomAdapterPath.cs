using System.Text.RegularExpressions;

namespace Conformance.Harness.Targets;

/// <summary>
/// The "adapter" value that is not a built-in name: a path to a .NET assembly holding a vendor's adapter, relative
/// to the target file so a lab can keep both side by side.
/// </summary>
public static partial class CustomAdapterPath
{
    private static readonly string[] BuiltIn = [TargetFile.ReferenceAdapter, TargetFile.TargetFileAdapter, TargetFile.GenericAdapter];

    /// <returns>The assembly's full path, or null for a built-in adapter.</returns>
    public static string? Resolve(string targetPath, string adapter)
    {
        if (BuiltIn.Contains(adapter))
        {
            return null;
        }

        if (!adapter.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            throw new TargetFileException($"{targetPath}: $.adapter is \"{adapter}\"; expected one of {string.Join(", ", BuiltIn)}, or the path of a .dll holding a custom adapter (relative to the target file).");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(targetPath)) ?? Directory.GetCurrentDirectory();
        var full = Path.GetFullPath(adapter, directory);
        return File.Exists(full)
            ? full
            : throw new TargetFileException($"{targetPath}: $.adapter names the assembly \"{adapter}\", but there is no file at {full}; build the adapter and give its path relative to the target file.");
    }

    /// <summary>A variable name, not a value: refusing anything else keeps a pasted secret out of the file's name slot.</summary>
    public static string CheckVariableName(string targetPath, string name) =>
        VariableName().IsMatch(name)
            ? name
            : throw new TargetFileException($"{targetPath}: $.management.tokenVariable must name an environment variable (letters, digits, underscores, such as \"ACME_API_TOKEN\"), found \"{name}\"; put the token itself in that variable, never in the file.");

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();
}
