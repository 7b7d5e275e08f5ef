using System.Collections.Frozen;
using System.Runtime.InteropServices;

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
    public const string Require = "Require";
    public const string ProxyRequire = "Proxy-Require";
    public const string Unsupported = "Unsupported";
    public const string Accept = "Accept";
    public const string Date = "Date";
    public const string Expires = "Expires";
    public const string Event = "Event";
    public const string ReferTo = "Refer-To";
    public const string ReferredBy = "Referred-By";
    public const string SessionExpires = "Session-Expires";
    public const string AllowEvents = "Allow-Events";
    public const string AcceptContact = "Accept-Contact";
    public const string RejectContact = "Reject-Contact";
    public const string RequestDisposition = "Request-Disposition";
    public const string Authorization = "Authorization";
    public const string ProxyAuthorization = "Proxy-Authorization";

    /// <summary>Maps a compact or any-case name to its canonical form; unknown names are returned unchanged.</summary>
    public static string Canonicalize(string name)
    {
        if (name.Length == 1)
        {
            return CompactForm(name[0]) ?? name;
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

    /// <summary>
    /// The same mapping straight from wire bytes: known names come back as the shared constant, so the parser
    /// allocates a string only for a header name it has never heard of (kept verbatim, RFC 3261 §7.3).
    /// </summary>
    public static string Canonicalize(ReadOnlySpan<byte> name) => KnownOrNull(name) ?? System.Text.Encoding.ASCII.GetString(name);

    /// <summary>The canonical name when the bytes name a known header (compact forms included); null otherwise, without allocating.</summary>
    internal static string? KnownOrNull(ReadOnlySpan<byte> name)
    {
        var index = KnownIndex(name);
        return index < 0 ? null : Known[index];
    }

    /// <summary>How many names <see cref="KnownIndex"/> tells apart.</summary>
    internal static int KnownCount => Known.Length;

    /// <summary>The known index of a name in any case, long or compact form; -1 for a name not known.</summary>
    internal static int IdOf(string name)
    {
        // The library's own constants first: most lookups pass one of them.
        for (var i = 0; i < 6; i++)
        {
            if (ReferenceEquals(name, Known[i]))
            {
                return i;
            }
        }

        return Ids.TryGetValue(name, out var id) ? id : -1;
    }

    /// <summary>The canonical name of a <see cref="KnownIndex"/>.</summary>
    internal static string KnownAt(int index) => Known[index];

    /// <summary>
    /// The position of a known name (compact forms included) among the <see cref="KnownCount"/> known ones, or -1: the
    /// parser keeps what it needs to know of each known header in a table by this position.
    /// </summary>
    internal static int KnownIndex(ReadOnlySpan<byte> name)
    {
        if (name.Length == 1)
        {
            var c = name[0] | 0x20;
            return c is >= 'a' and <= 'z' ? CompactIndex[c - 'a'] : -1;
        }

        if (name.IsEmpty)
        {
            return -1;
        }

        // Probing from the name's slot: today's names each have a slot of their own, so one comparison decides.
        for (var slot = Slot(name.Length, name[0] | 0x20, name[^1] | 0x20); ; slot = (slot + 1) & (Slots.Length - 1))
        {
            var index = Slots[slot];
            if (index < 0 || Matches(name, index))
            {
                return index;
            }
        }
    }

    /// <summary>
    /// Compares with a known name case-insensitively: where the name has a letter, <c>| 0x20</c> folds the wire byte,
    /// which matches only that letter in either case; anything else (a hyphen) must match itself exactly.
    /// </summary>
    private static bool Matches(ReadOnlySpan<byte> name, int index)
    {
        ReadOnlySpan<byte> lower = LowerByIndex[index];
        ReadOnlySpan<byte> fold = FoldByIndex[index];
        var length = lower.Length;
        if (length != name.Length)
        {
            return false;
        }

        // Eight bytes at a time, the last word overlapping the one before; names shorter than a word in two halves.
        if (length >= sizeof(ulong))
        {
            for (var i = 0; i < length - sizeof(ulong); i += sizeof(ulong))
            {
                if (!WordMatches<ulong>(name, fold, lower, i))
                {
                    return false;
                }
            }

            return WordMatches<ulong>(name, fold, lower, length - sizeof(ulong));
        }

        return length >= sizeof(uint)
            ? WordMatches<uint>(name, fold, lower, 0) && WordMatches<uint>(name, fold, lower, length - sizeof(uint))
            : WordMatches<ushort>(name, fold, lower, 0) && WordMatches<ushort>(name, fold, lower, length - sizeof(ushort));
    }

    private static bool WordMatches<T>(ReadOnlySpan<byte> name, ReadOnlySpan<byte> fold, ReadOnlySpan<byte> lower, int at)
        where T : unmanaged, System.Numerics.IBinaryInteger<T> =>
        (MemoryMarshal.Read<T>(name[at..]) | MemoryMarshal.Read<T>(fold[at..])) == MemoryMarshal.Read<T>(lower[at..]);

    // Length, first and last letter tell today's names apart; the multipliers spread them over the table without collisions.
    private static int Slot(int length, int first, int last) => ((length * 6) + first + (last * 14)) & 255;

    private static string? CompactForm(char c) => char.ToLowerInvariant(c) switch
    {
        'v' => Via,
        'f' => From,
        't' => To,
        'i' => CallId,
        'm' => Contact,
        'l' => ContentLength,
        'c' => ContentType,
        'e' => ContentEncoding,
        's' => Subject,
        'k' => Supported,
        'y' => Identity,
        'o' => Event,
        'r' => ReferTo,
        'b' => ReferredBy,
        'x' => SessionExpires,
        'u' => AllowEvents,
        'a' => AcceptContact,
        'j' => RejectContact,
        'd' => RequestDisposition,
        _ => null,
    };

    /// <summary>Headers that may appear only once in a message (RFC 3261 §20, table 2 and 3: no comma lists).</summary>
    public static bool IsSingleton(string canonical) =>
        canonical is From or To or CallId or CSeq or MaxForwards;

    private static readonly string[] Known =
    [
        Via, From, To, CallId, CSeq, MaxForwards, Contact, ContentLength, ContentType, ContentEncoding,
        Subject, Supported, Allow, Reason, RecordRoute, Route, PAssertedIdentity, CallInfo, Identity,
        RetryAfter, UserAgent, Server, Warning, Require, ProxyRequire, Unsupported, Accept, Date, Expires,
        Event, ReferTo, ReferredBy, SessionExpires, AllowEvents, AcceptContact, RejectContact, RequestDisposition,
        Authorization, ProxyAuthorization,
    ];

    // Every known name and compact form, in any case, to its known index.
    private static readonly FrozenDictionary<string, int> Ids = Known.Select((name, index) => (name, index))
        .Concat(Enumerable.Range('a', 26).Where(c => CompactForm((char)c) is not null).Select(c => (((char)c).ToString(), Array.IndexOf(Known, CompactForm((char)c)))))
        .ToFrozenDictionary(p => p.Item1, p => p.Item2, StringComparer.OrdinalIgnoreCase);

    // Each known name in lower case, and per byte the bit that folds the wire byte onto it (0x20 for a letter, 0 for anything else).
    private static readonly byte[][] LowerByIndex = Known.Select(k => System.Text.Encoding.ASCII.GetBytes(k.ToLowerInvariant())).ToArray();

    private static readonly byte[][] FoldByIndex = Known.Select(k => k.Select(c => char.IsAsciiLetter(c) ? (byte)0x20 : (byte)0).ToArray()).ToArray();

    // Open addressing over 256 slots: the known index at each slot, -1 where there is none.
    private static readonly int[] Slots = BuildSlots();

    // The known index of each compact form, by letter from 'a'; -1 for a letter that is none.
    private static readonly int[] CompactIndex =
        Enumerable.Range('a', 26).Select(c => CompactForm((char)c) is { } name ? Array.IndexOf(Known, name) : -1).ToArray();

    private static int[] BuildSlots()
    {
        var slots = Enumerable.Repeat(-1, 256).ToArray();
        for (var index = 0; index < LowerByIndex.Length; index++)
        {
            var lower = LowerByIndex[index];
            var slot = Slot(lower.Length, lower[0], lower[^1]);
            while (slots[slot] >= 0)
            {
                slot = (slot + 1) & (slots.Length - 1);
            }

            slots[slot] = index;
        }

        return slots;
    }
}
