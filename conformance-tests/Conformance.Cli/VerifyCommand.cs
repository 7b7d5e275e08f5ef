using Conformance.Reporting;
using Conformance.Reporting.Bundle;
using Conformance.SpecModel;

namespace Conformance.Cli;

/// <summary>`conformance verify DIR`: recompute a bundle and name every file that does not match; exit 0 intact, 1 not.</summary>
public static class VerifyCommand
{
    public static int Execute(DirectoryInfo bundle, FileInfo? trustedKey, TextWriter console)
    {
        var result = Verify(bundle.FullName, trustedKey);
        Print(result, console);
        return result.Intact ? ExitCodes.Conforming : ExitCodes.MustFailed;
    }

    public static BundleVerification Verify(string directory, FileInfo? trustedKey) =>
        BundleVerifier.Verify(directory, TrustedKey(trustedKey), SpecHash.Compute(RunCommand.SpecDirectory));

    public static byte[]? TrustedKey(FileInfo? trustedKey)
    {
        if (trustedKey is null)
        {
            return null;
        }

        using var key = BundleSigning.LoadPublicKey(trustedKey.FullName);
        return key.ExportSubjectPublicKeyInfo();
    }

    public static void Print(BundleVerification result, TextWriter console)
    {
        if (result.Intact)
        {
            console.WriteLine($"intact: {result.Directory} ({result.Manifest!.Files.Count} files match the signed manifest, signer {result.Manifest.Signer.KeyId})");
        }
        else
        {
            console.WriteLine($"NOT intact: {result.Directory}");
            foreach (var problem in result.Problems)
            {
                console.WriteLine($"  {problem}");
            }
        }

        foreach (var note in result.Notes)
        {
            console.WriteLine($"  note: {note}");
        }
    }
}
