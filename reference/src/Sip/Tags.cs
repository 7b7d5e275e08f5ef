using System.Security.Cryptography;

namespace Sip;

/// <summary>Random tokens for tags, branches and Call-IDs: unique and unguessable, as RFC 3261 §19.3 asks.</summary>
public static class Tags
{
    public const string BranchMagicCookie = "z9hG4bK";

    public static string New() => Random(6, string.Empty);

    public static string NewBranch() => Random(8, BranchMagicCookie);

    public static string NewCallId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>A prefix and <paramref name="bytes"/> random bytes in lower-case hex, built as one string (one per call and per forward).</summary>
    private static string Random(int bytes, string prefix)
    {
        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random[..bytes]);
        Span<char> text = stackalloc char[prefix.Length + (bytes * 2)];
        prefix.CopyTo(text);
        Convert.TryToHexStringLower(random[..bytes], text[prefix.Length..], out _);
        return new string(text);
    }
}
