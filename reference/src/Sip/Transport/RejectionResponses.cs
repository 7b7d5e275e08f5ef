namespace Sip.Transport;

/// <summary>The answer to a request the parser rejected (RFC 3261 §21), when it can be routed back at all.</summary>
internal static class RejectionResponses
{
    /// <summary>
    /// Responses and ACKs are never answered; a request is answered only when it carries what a response needs
    /// to find its way back (§18.2.2): Via, From, To, Call-ID and CSeq.
    /// </summary>
    public static SipResponse? For(SipParseResult result, SipParser parser)
    {
        if (result.Message is not SipRequest request || request.Method == "ACK" || request.TopVia is null ||
            !request.Headers.Contains(HeaderNames.CallId) || !request.Headers.Contains(HeaderNames.CSeq) ||
            !request.Headers.Contains(HeaderNames.From) || !request.Headers.Contains(HeaderNames.To))
        {
            return null;
        }

        var code = result.Error.ToStatusCode();
        var response = SipResponse.For(request, code, ReasonPhrases.For(code));
        if (result.Error == SipParseError.UnsupportedExtension)
        {
            response.Headers.Add(HeaderNames.Unsupported, string.Join(", ", parser.UnsupportedProxyRequire(request)));
        }

        var detail = (result.Detail ?? result.Error.ToString()).Replace('\r', ' ').Replace('\n', ' ');
        response.Headers.Add(HeaderNames.Warning, $"399 - {SipGrammar.Quote(detail)}");
        return response;
    }
}
