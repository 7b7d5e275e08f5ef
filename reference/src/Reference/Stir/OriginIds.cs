using System.Security.Cryptography;
using System.Text;

namespace Reference.Stir;

/// <summary>
/// origid (RFC 8588 §4): a UUID naming where a call entered this network, the same for every call of one access
/// trunk or one gateway peer, so that a traceback by origid leads back to it. Derived from the entry point's name
/// (a name-based UUID), so it survives restarts and needs no table.
/// </summary>
public static class OriginIds
{
    public static string For(string entryPoint)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("origid:" + entryPoint));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }
}
