namespace Sip;

public sealed class SipRequest : SipMessage
{
    public required string Method { get; init; }

    // A parsed request's URI stays bytes of its receive buffer until read: a request answered or acknowledged without
    // it being read (an ACK, an intercepted INVITE) makes no string of it.
    // The bytes follow the method and its space; one field tells their length, complemented when they are not all ASCII.
    private string? _requestUri;
    private int _rawUri;

    public required string RequestUri
    {
        get => _requestUri ?? DecodeRequestUri();
        set => _requestUri = value;
    }

    /// <summary>The parser's: the Request-URI is the <paramref name="length"/> bytes after the method and a space in the buffer the headers attach.</summary>
    internal void SetRawRequestUri(int length, bool ascii)
    {
        _requestUri = null;
        _rawUri = ascii ? length : ~length;
    }

    private int RawUriLength => _rawUri < 0 ? ~_rawUri : _rawUri;

    // Read while the message holds its buffer, as raw header values are.
    private ReadOnlySpan<byte> RawRequestUri() =>
        (Headers.SourceArray ?? throw new InvalidOperationException("The Request-URI was not read before the request was released.")).AsSpan(Method.Length + 1, RawUriLength);

    private string DecodeRequestUri()
    {
        var bytes = RawRequestUri();
        var uri = _rawUri >= 0 ? System.Text.Encoding.Latin1.GetString(bytes) : System.Text.Encoding.UTF8.GetString(bytes);
        _requestUri = uri;
        return uri;
    }

    /// <summary>
    /// The telephone number the Request-URI carries (<see cref="SipUri.Number"/>), or null when it has none or does not
    /// read. Read from the received bytes while the URI is still bytes: an intercepted INVITE makes no string of its URI.
    /// </summary>
    public string? RequestUriNumber
    {
        get
        {
            if (_requestUri is null && Headers.SourceArray is not null)
            {
                var raw = RawRequestUri();
                return UriTokens.TryRead(raw, out var tokens) ? SipUri.NumberOf(raw, in tokens) : null;
            }

            return SipUri.TryParse(RequestUri, out var uri) ? uri.Number : null;
        }
    }

    /// <summary>The method as the proxy tells it apart; <see cref="SipMethod.Other"/> for an extension it does not know.</summary>
    public SipMethod Kind => SipMethods.Of(Method);

    private protected override int StartLineByteCount() =>
        System.Text.Encoding.UTF8.GetByteCount(Method) + 1 + (_requestUri is null ? RawUriLength : System.Text.Encoding.UTF8.GetByteCount(_requestUri)) + 1 + Version.Length;

    private protected override int WriteStartLine(Span<byte> destination)
    {
        var at = Put(destination, Method);
        destination[at++] = (byte)' ';
        if (_requestUri is null)
        {
            // Still the received bytes: written as they came.
            RawRequestUri().CopyTo(destination[at..]);
            at += RawUriLength;
        }
        else
        {
            at += Put(destination[at..], _requestUri);
        }

        destination[at++] = (byte)' ';
        return at + Put(destination[at..], "SIP/2.0"u8);
    }

    public SipRequest Clone()
    {
        // The clone shares the buffer (its headers hold it too), so a URI still in bytes stays so.
        var clone = new SipRequest { Method = Method, RequestUri = _requestUri ?? string.Empty, Headers = Headers.Clone(), Body = Body };
        if (_requestUri is null)
        {
            clone._rawUri = _rawUri;
            clone._requestUri = null;
        }

        return clone;
    }
}
