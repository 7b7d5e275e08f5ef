using System.Text;

namespace Sip;

/// <summary>
/// The fields a response copies from its request (RFC 3261 §8.2.6.2: every Via, From, To, Call-ID and CSeq) as bytes in
/// one array of the response's own, in that order, To given its tag: none of them is decoded to a string, and the
/// response does not hold the request's pooled buffer. Most requests are answered without their values ever being read.
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
        var count = 0;
        for (var i = request.NextIndexOf(HeaderNames.Via, 0); i >= 0; i = request.NextIndexOf(HeaderNames.Via, i + 1))
        {
            if (count == MostFields - AfterVias.Length)
            {
                return null;
            }

            picked[count++] = i;
        }

        var to = -1;
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
        var length = !tagged ? 0 : ";tag=".Length + (toTag is null ? Tags.TagLength : Encoding.UTF8.GetByteCount(toTag));
        foreach (var index in picked[..count])
        {
            length += request.ValueByteCount(index);
        }

        // Room for the copied fields and two a responder adds (Reason, Retry-After, Contact…).
        var bytes = GC.AllocateUninitializedArray<byte>(length);
        var response = new SipHeaders(count + 2);
        response.AttachOwnArray(bytes);
        var at = 0;
        for (var i = 0; i < count; i++)
        {
            var start = at;
            at += request.WriteValue(picked[i], bytes.AsSpan(at));
            if (i == to && tagged)
            {
                at += Encoding.ASCII.GetBytes(";tag=", bytes.AsSpan(at));
                at += toTag is null ? Tags.WriteNew(bytes.AsSpan(at)) : Encoding.UTF8.GetBytes(toTag, bytes.AsSpan(at));
            }

            response.AddRaw(request.NameAt(picked[i]), start, at - start);
        }

        return response;
    }

    private static bool HasTag(SipHeaders request, int to) =>
        request.TryGetRawAt(to, out var raw) ? NameAddressTokens.HasParameter(raw, "tag") : NameAddress.HasParameter(request.ValueAt(to), "tag");
}
