namespace Sip;

public sealed class SipResponse : SipMessage
{
    public required int StatusCode { get; init; }

    public required string ReasonPhrase { get; init; }

    public bool IsProvisional => StatusCode < 200;

    /// <summary>The bytes of a pooled wire copy's leased array that are the message (see <see cref="SipMessage.PooledWireCopy"/>); 0 otherwise.</summary>
    internal int LeasedLength { get; init; }

    private protected override int StartLineByteCount()
    {
        Span<byte> digits = stackalloc byte[11];
        StatusCode.TryFormat(digits, out var count, provider: System.Globalization.CultureInfo.InvariantCulture);
        return Version.Length + 1 + count + 1 + System.Text.Encoding.UTF8.GetByteCount(ReasonPhrase);
    }

    private protected override int WriteStartLine(Span<byte> destination)
    {
        var at = Put(destination, "SIP/2.0 "u8);
        StatusCode.TryFormat(destination[at..], out var digits, provider: System.Globalization.CultureInfo.InvariantCulture);
        at += digits;
        destination[at++] = (byte)' ';
        return at + Put(destination[at..], ReasonPhrase);
    }

    /// <summary>
    /// Builds a response to a request as RFC 3261 §8.2.6.2 says: Via, From, Call-ID and CSeq copied,
    /// To copied with a tag added when the response is not 100 and the request carried none.
    /// </summary>
    public static SipResponse For(SipRequest request, int statusCode, string? reasonPhrase = null, string? toTag = null)
    {
        if (CopiedFields.TryCopy(request.Headers, statusCode, toTag) is { } copied)
        {
            return new SipResponse { StatusCode = statusCode, ReasonPhrase = reasonPhrase ?? ReasonPhrases.For(statusCode), Headers = copied };
        }

        // Room for the copied fields and two a responder adds (Reason, Retry-After, Contact…).
        var response = new SipResponse
        {
            StatusCode = statusCode,
            ReasonPhrase = reasonPhrase ?? ReasonPhrases.For(statusCode),
            Headers = new SipHeaders(request.Headers.CountOf(HeaderNames.Via) + 6),
        };
        request.Headers.CopyAll(HeaderNames.Via, response.Headers);

        CopyIfPresent(request, response, HeaderNames.From);
        var to = request.Headers[HeaderNames.To];
        if (to is not null)
        {
            // Read from the text, not from a parsed To: an intercepted INVITE's To is read nowhere else.
            var needsTag = statusCode != 100 && !NameAddress.HasParameter(to, "tag");
            response.Headers.Add(HeaderNames.To, needsTag ? $"{to};tag={toTag ?? Tags.New()}" : to);
        }

        CopyIfPresent(request, response, HeaderNames.CallId);
        CopyIfPresent(request, response, HeaderNames.CSeq);
        return response;
    }

    /// <summary>
    /// The response <see cref="For"/> builds (a new To tag where due), with <paramref name="moreFields"/> after the copied
    /// fields (whole header lines in wire form, each ending in CRLF) and no body, written straight into its wire bytes:
    /// a wire copy, whose headers read as empty. For a response that is only sent and kept to be sent again (an
    /// intercepted call's rejection): the request's fields are copied once, into the bytes that go on the wire, instead
    /// of into headers of the response's own and from those into the copy its transaction keeps. Null when the request
    /// has too many Vias to write it so; build it with <see cref="For"/> then.
    /// </summary>
    public static SipResponse? WrittenFor(SipRequest request, int statusCode, string reasonPhrase, ReadOnlySpan<byte> moreFields) =>
        CopiedFields.TryWrite(request.Headers, statusCode, reasonPhrase, toTag: null, moreFields) is { } wire
            ? ResponseOfWire(statusCode, reasonPhrase, wire)
            : null;

    private static void CopyIfPresent(SipRequest request, SipResponse response, string name)
    {
        var value = request.Headers[name];
        if (value is not null)
        {
            response.Headers.Add(name, value);
        }
    }
}
