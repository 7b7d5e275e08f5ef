using System.Security.Cryptography;
using System.Text;

namespace Reference.CallerAuthentication;

/// <summary>
/// origid (RFC 8588 §4): a UUID naming where a call entered this network, the same for every call of one access
/// trunk or one gateway peer, so that a traceback by origid leads back to it. Derived from the entry point's name
/// (a name-based UUID), so it survives restarts and needs no table.
/// </summary>
public static class OriginIds
{
    /// <summary>The name of where a call entered: its access trunk, or the realm and peer address it came from.</summary>
    public static string EntryPoint(Screening.Realm realm, string source, string? trunkId) =>
        trunkId is not null ? "trunk:" + trunkId : $"{realm}:{source}";

    public static string For(string entryPoint)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("origid:" + entryPoint));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }
}
