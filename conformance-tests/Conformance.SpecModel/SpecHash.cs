using System.Security.Cryptography;
using System.Text;

namespace Conformance.SpecModel;

/// <summary>SHA-256 over every file of the spec (sorted relative paths and contents), so a report names the exact standard it ran.</summary>
public static class SpecHash
{
    public static string Compute(string specDirectory)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = Directory.GetFiles(specDirectory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(specDirectory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        foreach (var relative in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(relative + "\n"));
            sha.AppendData(File.ReadAllBytes(Path.Combine(specDirectory, relative)));
        }

        return "sha256:" + Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
