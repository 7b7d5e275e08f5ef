namespace Sip;

public sealed class SipRequest : SipMessage
{
    public required string Method { get; init; }

    // A parsed request's URI stays bytes of its receive buffer until read: a request answered or acknowledged without
    // it being read (an ACK, an intercepted INVITE) makes no string of it.
    private string? _requestUri;
    private int _rawUriOffset;
    private int _rawUriLength;
    private bool _rawUriAscii;

    public required string RequestUri
    {
        get => _requestUri ?? DecodeRequestUri();
        set => _requestUri = value;
    }

    /// <summary>The parser's: the Request-URI is the bytes at <paramref name="offset"/> of the buffer the headers attach.</summary>
    internal void SetRawRequestUri(int offset, int length, bool ascii)
    {
        _requestUri = null;
        _rawUriOffset = offset;
        _rawUriLength = length;
        _rawUriAscii = ascii;
    }

    // Read while the message holds its buffer, as raw header values are.
    private ReadOnlySpan<byte> RawRequestUri() =>
        (Headers.SourceArray ?? throw new InvalidOperationException("The Request-URI was not read before the request was released.")).AsSpan(_rawUriOffset, _rawUriLength);

    private string DecodeRequestUri()
    {
        var bytes = RawRequestUri();
        var uri = _rawUriAscii ? System.Text.Encoding.Latin1.GetString(bytes) : System.Text.Encoding.UTF8.GetString(bytes);
        _requestUri = uri;
        return uri;
    }

    /// <summary>The method as the proxy tells it apart; <see cref="SipMethod.Other"/> for an extension it does not know.</summary>
    public SipMethod Kind => SipMethods.Of(Method);

    private protected override int StartLineByteCount() =>
        System.Text.Encoding.UTF8.GetByteCount(Method) + 1 + (_requestUri is null ? _rawUriLength : System.Text.Encoding.UTF8.GetByteCount(_requestUri)) + 1 + Version.Length;

    private protected override int WriteStartLine(Span<byte> destination)
    {
        var at = Put(destination, Method);
        destination[at++] = (byte)' ';
        if (_requestUri is null)
        {
            // Still the received bytes: written as they came.
            RawRequestUri().CopyTo(destination[at..]);
            at += _rawUriLength;
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
            clone.SetRawRequestUri(_rawUriOffset, _rawUriLength, _rawUriAscii);
        }

        return clone;
    }
}
