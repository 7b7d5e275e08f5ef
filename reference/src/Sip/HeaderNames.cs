namespace Sip;

/// <summary>Canonical header names and the compact forms of RFC 3261 §7.3.3 (and RFC 3515, 3841, 4028 extensions).</summary>
public static class HeaderNames
{
    public const string Via = "Via";
    public const string From = "From";
    public const string To = "To";
    public const string CallId = "Call-ID";
    public const string CSeq = "CSeq";
    public const string MaxForwards = "Max-Forwards";
    public const string Contact = "Contact";
    public const string ContentLength = "Content-Length";
    public const string ContentType = "Content-Type";
    public const string ContentEncoding = "Content-Encoding";
    public const string Subject = "Subject";
    public const string Supported = "Supported";
    public const string Allow = "Allow";
    public const string Reason = "Reason";
    public const string RecordRoute = "Record-Route";
    public const string Route = "Route";
    public const string PAssertedIdentity = "P-Asserted-Identity";
    public const string CallInfo = "Call-Info";
    public const string Identity = "Identity";
    public const string RetryAfter = "Retry-After";
    public const string UserAgent = "User-Agent";
    public const string Server = "Server";
    public const string Warning = "Warning";

    /// <summary>Maps a compact or any-case name to its canonical form; unknown names are returned unchanged.</summary>
    public static string Canonicalize(string name)
    {
        if (name.Length == 1)
        {
            switch (char.ToLowerInvariant(name[0]))
            {
                case 'v': return Via;
                case 'f': return From;
                case 't': return To;
                case 'i': return CallId;
                case 'm': return Contact;
                case 'l': return ContentLength;
                case 'c': return ContentType;
                case 'e': return ContentEncoding;
                case 's': return Subject;
                case 'k': return Supported;
                case 'y': return Identity;
                default: return name;
            }
        }

        foreach (var known in Known)
        {
            if (string.Equals(known, name, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return name;
    }

    private static readonly string[] Known =
    [
        Via, From, To, CallId, CSeq, MaxForwards, Contact, ContentLength, ContentType, ContentEncoding,
        Subject, Supported, Allow, Reason, RecordRoute, Route, PAssertedIdentity, CallInfo, Identity,
        RetryAfter, UserAgent, Server, Warning,
    ];
}
