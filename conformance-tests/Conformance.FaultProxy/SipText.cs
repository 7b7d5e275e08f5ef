using System.Text;
using System.Text.RegularExpressions;

namespace Conformance.FaultProxy;

/// <summary>
/// Edits a SIP message as text, header line by header line, so that what the proxy passes on differs from what it
/// received only by the fault: the body and every other byte stay as they came.
/// </summary>
internal static partial class SipText
{
    public static byte[] AddHeader(byte[] message, string line) => Edit(message, lines => lines.Insert(1, line));

    public static byte[] RemoveHeader(byte[] message, string name) =>
        Edit(message, lines => lines.RemoveAll(l => HeaderName(l) is { } n && n.Equals(name, StringComparison.OrdinalIgnoreCase)));

    public static byte[] ReplaceCallId(byte[] message, string callId) =>
        Edit(message, lines =>
        {
            for (var i = 1; i < lines.Count; i++)
            {
                if (HeaderName(lines[i]) is "Call-ID" or "i" or "call-id" or "Call-Id")
                {
                    lines[i] = "Call-ID: " + callId;
                }
            }
        });

    /// <summary>From's user part in +E.164: national numbers gain +86, a 00 prefix becomes +.</summary>
    public static byte[] RewriteCallerNumber(byte[] message) =>
        Edit(message, lines =>
        {
            for (var i = 1; i < lines.Count; i++)
            {
                if (HeaderName(lines[i]) is { } name && (name.Equals("From", StringComparison.OrdinalIgnoreCase) || name == "f"))
                {
                    lines[i] = UserPart().Replace(lines[i], m => m.Groups[1].Value + E164(m.Groups[2].Value) + "@", 1);
                }
            }
        });

    private static string E164(string user) =>
        user.StartsWith("00", StringComparison.Ordinal) ? "+" + user[2..]
        : user.StartsWith('+') ? user
        : "+86" + user.TrimStart('0');

    private static string? HeaderName(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? line[..colon].Trim() : null;
    }

    private static byte[] Edit(byte[] message, Action<List<string>> change)
    {
        var text = Encoding.UTF8.GetString(message);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return message;
        }

        var lines = text[..end].Split("\r\n").ToList();
        change(lines);
        return Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + text[end..]);
    }

    [GeneratedRegex(@"(sips?:|tel:)([^@;>\s]+)@")]
    private static partial Regex UserPart();
}
