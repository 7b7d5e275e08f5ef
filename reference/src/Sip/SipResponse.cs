namespace Sip;

public sealed class SipResponse : SipMessage
{
    public required int StatusCode { get; init; }

    public required string ReasonPhrase { get; init; }

    public bool IsProvisional => StatusCode < 200;

    protected override string StartLine => $"{Version} {StatusCode} {ReasonPhrase}";

    /// <summary>
    /// Builds a response to a request as RFC 3261 §8.2.6.2 says: Via, From, Call-ID and CSeq copied,
    /// To copied with a tag added when the response is not 100 and the request carried none.
    /// </summary>
    public static SipResponse For(SipRequest request, int statusCode, string? reasonPhrase = null, string? toTag = null)
    {
        var response = new SipResponse { StatusCode = statusCode, ReasonPhrase = reasonPhrase ?? ReasonPhrases.For(statusCode) };
        foreach (var via in request.Headers.All(HeaderNames.Via))
        {
            response.Headers.Add(HeaderNames.Via, via);
        }

        CopyIfPresent(request, response, HeaderNames.From);
        var to = request.Headers[HeaderNames.To];
        if (to is not null)
        {
            var needsTag = statusCode != 100 && request.To?.Parameters.Contains("tag") != true;
            response.Headers.Add(HeaderNames.To, needsTag ? $"{to};tag={toTag ?? Tags.New()}" : to);
        }

        CopyIfPresent(request, response, HeaderNames.CallId);
        CopyIfPresent(request, response, HeaderNames.CSeq);
        return response;
    }

    private static void CopyIfPresent(SipRequest request, SipResponse response, string name)
    {
        var value = request.Headers[name];
        if (value is not null)
        {
            response.Headers.Add(name, value);
        }
    }
}
