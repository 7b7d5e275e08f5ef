using Conformance.Reporting.Bundle;

namespace Conformance.Cli;

/// <summary>`conformance keygen`: an ECDSA P-256 key pair for signing bundles; never overwrites a key.</summary>
public static class KeygenCommand
{
    public const string PrivateKeyFile = "signing-key.pem";
    public const string PublicKeyFile = "signing-key.pub.pem";

    public static int Execute(DirectoryInfo? outDirectory, TextWriter console)
    {
        var directory = outDirectory?.FullName ?? Directory.GetCurrentDirectory();
        var privatePath = Path.Combine(directory, PrivateKeyFile);
        var publicPath = Path.Combine(directory, PublicKeyFile);
        if (File.Exists(privatePath) || File.Exists(publicPath))
        {
            throw new ConfigurationException($"{directory} already holds {PrivateKeyFile} or {PublicKeyFile}; choose another folder with --out, or move the old keys away first.");
        }

        Directory.CreateDirectory(directory);
        var (privatePem, publicPem) = BundleSigning.GenerateKeyPair();
        File.WriteAllText(privatePath, privatePem + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(privatePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(publicPath, publicPem + "\n");
        console.WriteLine($"private key: {privatePath} (keep it secret; pass it to `run --signing-key` or set {RunCommand.SigningKeyVariable})");
        console.WriteLine($"public key:  {publicPath} (give it to whoever verifies or publishes your bundles: --trusted-key)");
        return ExitCodes.Conforming;
    }
}
