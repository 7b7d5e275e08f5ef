using System.Text;

namespace Sip;

/// <summary>
/// The fields a response copies from its request (RFC 3261 §8.2.6.2: every Via, From, To, Call-ID and CSeq) as bytes,
/// in that order, To given its tag: none of them is decoded to a string, and the response does not hold the request's
/// pooled buffer. Most requests are answered without their values ever being read. They go either into headers of the
/// response's own (<see cref="TryCopy"/>) or straight into its wire bytes (<see cref="TryWrite"/>).
/// </summary>
internal static class CopiedFields
{
    // More Vias than this (a request that crossed many proxies) are copied the usual way, as strings.
    private const int MostFields = 16;

    private static readonly string[] AfterVias = [HeaderNames.From, HeaderNames.To, HeaderNames.CallId, HeaderNames.CSeq];

    /// <summary>The copied fields, or null when there are too many Vias to pick on the stack.</summary>
    public static SipHeaders? TryCopy(SipHeaders request, int statusCode, string? toTag)
    {
        Span<int> picked = stackalloc int[MostFields];
        if (Pick(request, statusCode, toTag, picked, out var count, out var to, out var tagLength) is not { } length)
        {
            return null;
        }

        // Room for the copied fields and two a responder adds (Reason, Retry-After, Contact…).
        var bytes = GC.AllocateUninitializedArray<byte>(length);
        var response = new SipHeaders(count + 2);
        response.AttachOwnArray(bytes);
        var at = 0;
        for (var i = 0; i < count; i++)
        {
            var start = at;
            at += WriteValue(request, picked[i], i == to && tagLength > 0, toTag, bytes.AsSpan(at));
            response.AddRaw(request.NameAt(picked[i]), start, at - start);
        }

        return response;
    }

    /// <summary>
    /// The wire bytes of a response to <paramref name="request"/> with the copied fields, then <paramref name="moreFields"/>
    /// (whole header lines, each ending in CRLF) and no body, in one array of exactly their size: what
    /// <see cref="SipMessage.Encode"/> writes for the response <see cref="SipResponse.For"/> builds with those fields
    /// added. Null when there are too many Vias to pick on the stack, or for a status of other than three digits.
    /// </summary>
    public static byte[]? TryWrite(SipHeaders request, int statusCode, string reasonPhrase, string? toTag, ReadOnlySpan<byte> moreFields)
    {
        Span<int> picked = stackalloc int[MostFields];
        if (statusCode is < 100 or > 999 || Pick(request, statusCode, toTag, picked, out var count, out var to, out var tagLength) is not { } values)
        {
            return null;
        }

        var length = "SIP/2.0 000 "u8.Length + Encoding.UTF8.GetByteCount(reasonPhrase) + 2 + values + moreFields.Length + EmptyBody.Length;
        for (var i = 0; i < count; i++)
        {
            length += request.NameAt(picked[i]).Length + 4;
        }

        var bytes = GC.AllocateUninitializedArray<byte>(length);
        var wire = bytes.AsSpan();
        var at = Put(wire, "SIP/2.0 "u8);
        statusCode.TryFormat(wire[at..], out var digits, provider: System.Globalization.CultureInfo.InvariantCulture);
        at += digits;
        wire[at++] = (byte)' ';
        at += Encoding.UTF8.GetBytes(reasonPhrase, wire[at..]);
        at += Put(wire[at..], "\r\n"u8);
        for (var i = 0; i < count; i++)
        {
            at += Encoding.ASCII.GetBytes(request.NameAt(picked[i]), wire[at..]);
            at += Put(wire[at..], ": "u8);
            at += WriteValue(request, picked[i], i == to && tagLength > 0, toTag, wire[at..]);
            at += Put(wire[at..], "\r\n"u8);
        }

        at += Put(wire[at..], moreFields);
        Put(wire[at..], EmptyBody);
        return bytes;
    }

    // What ends a response without a body, as SipMessage.Encode writes it.
    private static ReadOnlySpan<byte> EmptyBody => "Content-Length: 0\r\n\r\n"u8;

    /// <summary>
    /// Picks the copied fields' indices into <paramref name="picked"/> and returns the bytes of their values (a new To
    /// tag included), or null when there are too many. <paramref name="to"/> is To's place among the picked;
    /// <paramref name="tagLength"/> the bytes of the tag it gets (0: it keeps the one it has, or none is due).
    /// </summary>
    private static int? Pick(SipHeaders request, int statusCode, string? toTag, Span<int> picked, out int count, out int to, out int tagLength)
    {
        count = 0;
        to = -1;
        tagLength = 0;
        for (var i = request.NextIndexOf(HeaderNames.Via, 0); i >= 0; i = request.NextIndexOf(HeaderNames.Via, i + 1))
        {
            if (count == MostFields - AfterVias.Length)
            {
                return null;
            }

            picked[count++] = i;
        }

        foreach (var name in AfterVias)
        {
            var index = request.NextIndexOf(name, 0);
            if (index >= 0)
            {
                to = ReferenceEquals(name, HeaderNames.To) ? count : to;
                picked[count++] = index;
            }
        }

        // A tag the caller gave is copied; a new one is written straight into the bytes (an intercepted call's 603 makes no string of it).
        var tagged = to >= 0 && statusCode != 100 && !HasTag(request, picked[to]);
        tagLength = !tagged ? 0 : ";tag=".Length + (toTag is null ? Tags.TagLength : Encoding.UTF8.GetByteCount(toTag));
        var length = tagLength;
        foreach (var index in picked[..count])
        {
            length += request.ValueByteCount(index);
        }

        return length;
    }

    private static int WriteValue(SipHeaders request, int index, bool tagged, string? toTag, Span<byte> destination)
    {
        var at = request.WriteValue(index, destination);
        if (tagged)
        {
            at += Put(destination[at..], ";tag="u8);
            at += toTag is null ? Tags.WriteNew(destination[at..]) : Encoding.UTF8.GetBytes(toTag, destination[at..]);
        }

        return at;
    }

    private static int Put(Span<byte> destination, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(destination);
        return bytes.Length;
    }

    private static bool HasTag(SipHeaders request, int to) =>
        request.TryGetRawAt(to, out var raw) ? NameAddressTokens.HasParameter(raw, "tag") : NameAddress.HasParameter(request.ValueAt(to), "tag");
}
