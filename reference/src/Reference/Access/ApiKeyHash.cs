using System.Security.Cryptography;
using System.Text;

namespace Reference.Access;

/// <summary>
/// How a key is stored: SHA-256 of the secret, in hex. The secrets are 256 random bits, so an unsalted fast hash
/// is enough: a stolen table gives nothing to guess from, unlike a password table.
/// </summary>
public static class ApiKeyHash
{
    public static string Of(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>A new secret: 32 random bytes, base64url, with a prefix that makes a leaked one easy to spot in logs.</summary>
    public static string NewSecret() => "rk_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string NewId() => "key-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
