using System.Security.Cryptography;

namespace Sip;

/// <summary>Random tokens for tags, branches and Call-IDs: unique and unguessable, as RFC 3261 §19.3 asks.</summary>
public static class Tags
{
    public const string BranchMagicCookie = "z9hG4bK";

    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public static string NewBranch() => BranchMagicCookie + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static string NewCallId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
