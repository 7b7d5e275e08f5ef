using System.Security.Cryptography;

namespace Conformance.Reporting.Bundle;

/// <summary>ECDSA P-256 with SHA-256 over the bytes of manifest.json; keys as PEM (PKCS#8 private, SubjectPublicKeyInfo public).</summary>
public static class BundleSigning
{
    public const string Algorithm = "ECDSA-P256-SHA256";

    public static (string PrivateKeyPem, string PublicKeyPem) GenerateKeyPair()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (key.ExportPkcs8PrivateKeyPem(), key.ExportSubjectPublicKeyInfoPem());
    }

    public static ECDsa NewEphemeralKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static ECDsa LoadPrivateKey(string path) => Load(path, "a private key made by `conformance keygen` (signing-key.pem)");

    public static ECDsa LoadPublicKey(string path) => Load(path, "a public key made by `conformance keygen` (signing-key.pub.pem)");

    public static SignerInfo Describe(ECDsa key, bool ephemeral)
    {
        var spki = key.ExportSubjectPublicKeyInfo();
        return new SignerInfo(Algorithm, Convert.ToBase64String(spki), KeyId(spki), ephemeral);
    }

    public static string KeyId(byte[] subjectPublicKeyInfo) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo))[..16];

    public static byte[] Sign(ECDsa key, byte[] manifest) => key.SignData(manifest, HashAlgorithmName.SHA256);

    public static bool Verify(byte[] subjectPublicKeyInfo, byte[] manifest, byte[] signature)
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
            return key.KeySize == 256 && key.VerifyData(manifest, signature, HashAlgorithmName.SHA256);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static ECDsa Load(string path, string expected)
    {
        if (!File.Exists(path))
        {
            throw new FormatException($"{path}: the key file does not exist; pass {expected}.");
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new FormatException($"{path}: not a PEM ECDSA key; pass {expected}.");
        }

        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new FormatException($"{path}: the key is ECDSA {key.KeySize}-bit; bundles are signed with P-256, make one with `conformance keygen`.");
        }

        return key;
    }
}
