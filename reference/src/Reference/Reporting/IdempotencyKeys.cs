using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Reference.Reporting;

/// <summary>
/// The Idempotency-Key header of report intake (draft-ietf-httpapi-idempotency-key-header): a key a client sends
/// again with a retry. Keys are the caller's own (scoped by account) and kept for <see cref="Kept"/>. While a request
/// with a key is being answered, another with the same key is refused 409 rather than run twice side by side.
/// </summary>
public sealed class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";

    public const int LongestKey = 255;

    public static readonly TimeSpan Kept = TimeSpan.FromHours(24);

    private readonly ConcurrentDictionary<string, byte> _inFlight = new(StringComparer.Ordinal);

    /// <summary>The key without the quotes of a structured-field string, or null with the reason it is not usable.</summary>
    public static (string? Key, string? Problem) Parse(string header)
    {
        var key = header.Trim();
        if (key.Length >= 2 && key[0] == '"' && key[^1] == '"')
        {
            key = key[1..^1];
        }

        return key.Length is 0 or > LongestKey || key.Any(c => c is < '!' or > '~')
            ? (null, $"must be 1 to {LongestKey} visible ASCII characters, such as a UUID")
            : (key, null);
    }

    /// <summary>What identifies a report's content: the same fields in the same form give the same fingerprint.</summary>
    public static string Fingerprint(params string[] fields) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\u001f", fields))));

    /// <summary>Claims the key for one request; false when another request holds it now.</summary>
    public bool TryClaim(string scope, string key) => _inFlight.TryAdd(scope + "\n" + key, 0);

    public void Release(string scope, string key) => _inFlight.TryRemove(scope + "\n" + key, out _);
}
