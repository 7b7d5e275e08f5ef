using System.Buffers;
using System.Text;

namespace Sip;

/// <summary>
/// Push parser over bytes. Datagram mode treats the buffer as one whole message (RFC 3261 §18.3: the body
/// ends at the datagram's end, Content-Length may shorten it); stream mode frames by Content-Length and
/// answers <see cref="SipParseStatus.Incomplete"/> until the whole message is there. Lines, names and
/// numbers are read from the bytes; only header values, the Request-URI and the body become objects.
/// </summary>
public sealed partial class SipParser(SipParserOptions options)
{
    // What the parser needs to know of a header, by its name, as bits: looked up once per header line in Traits.
    private const int SingletonFrom = 1, SingletonTo = 2, SingletonCallId = 4, SingletonCSeq = 8, SingletonMaxForwards = 16;
    private const int Singletons = SingletonFrom | SingletonTo | SingletonCallId | SingletonCSeq | SingletonMaxForwards;

    // Headers whose presence the verdict asks about, besides the singletons: recorded as they are read, so that the
    // verdict does not search the header list by name.
    private const int SeenVia = 32, SeenProxyRequire = 64;
    private const int Seen = Singletons | SeenVia | SeenProxyRequire;

    private const int IsContentLength = 128;

    // Headers whose value has a grammar the parser checks, by which check.
    private const int CheckVia = 256, CheckContact = 512, CheckCSeq = 1024, CheckNameAddress = 2048;
    private const int Structured = CheckVia | CheckContact | CheckCSeq | CheckNameAddress;

    private static readonly int[] Traits = Enumerable.Range(0, HeaderNames.KnownCount).Select(i => TraitsOf(HeaderNames.KnownAt(i))).ToArray();

    // CTLs other than HT, and bare CR or LF: never legal inside a line (RFC 3261 §25.1), and a header injection risk.
    private static readonly SearchValues<byte> Forbidden = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 127]);

    private static readonly (byte[] Bytes, string Name)[] KnownMethods =
        new[] { "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "PRACK", "UPDATE", "INFO", "MESSAGE", "SUBSCRIBE", "NOTIFY", "REFER", "PUBLISH" }
            .Select(m => (Encoding.ASCII.GetBytes(m), m)).ToArray();

    private static int TraitsOf(string name) => name switch
    {
        HeaderNames.From => SingletonFrom | CheckNameAddress,
        HeaderNames.To => SingletonTo | CheckNameAddress,
        HeaderNames.CallId => SingletonCallId,
        HeaderNames.CSeq => SingletonCSeq | CheckCSeq,
        HeaderNames.MaxForwards => SingletonMaxForwards,
        HeaderNames.Via => SeenVia | CheckVia,
        HeaderNames.ProxyRequire => SeenProxyRequire,
        HeaderNames.ContentLength => IsContentLength,
        HeaderNames.Contact => CheckContact,
        _ => 0,
    };

    public SipParser()
        : this(SipParserOptions.Default)
    {
    }

    public SipParserOptions Options { get; } = options;

    /// <summary>
    /// Parses from a pipe's buffer. A message split across segments is copied once, and never more than the
    /// largest acceptable message plus its terminator, so a peer cannot make the parser copy without bound.
    /// </summary>
    public SipParseResult Parse(ReadOnlySequence<byte> buffer, bool datagram)
    {
        if (buffer.IsSingleSegment)
        {
            return Parse(buffer.FirstSpan, datagram);
        }

        var length = datagram ? buffer.Length : Math.Min(buffer.Length, Options.MaxMessageSize + 4L);
        return Parse(buffer.Slice(0, length).ToArray(), datagram);
    }

    public SipParseResult Parse(ReadOnlySpan<byte> data, bool datagram)
    {
        var skipped = 0;
        while (skipped + 1 < data.Length && data[skipped] == '\r' && data[skipped + 1] == '\n')
        {
            skipped += 2;
        }

        var rest = data[skipped..];
        if (rest.IsEmpty || (rest.Length == 1 && rest[0] == '\r'))
        {
            return datagram
                ? SipParseResult.Reject(SipParseError.MalformedStartLine, "empty datagram", consumed: data.Length)
                : SipParseResult.Incomplete(skipped);
        }

        var headerEnd = rest.IndexOf("\r\n\r\n"u8);
        if (headerEnd < 0 || headerEnd + 4 > Options.MaxMessageSize)
        {
            if (rest.Length > Options.MaxMessageSize)
            {
                return SipParseResult.Reject(SipParseError.MessageTooLarge, $"header block exceeds {Options.MaxMessageSize} bytes", consumed: data.Length);
            }

            return datagram
                ? SipParseResult.Reject(SipParseError.MalformedHeader, "header block is not terminated by an empty line", consumed: data.Length)
                : SipParseResult.Incomplete(skipped);
        }

        var bodyStart = headerEnd + 4;
        var head = new HeadReader(this, rest[..(headerEnd + 2)]);
        var startResult = head.ReadFields();
        var message = startResult.Message;
        if (message is null)
        {
            return startResult with { Consumed = datagram ? data.Length : skipped + bodyStart };
        }

        // Framing first: it decides how many bytes the message owns, and its problems outrank those of the headers.
        var headOnly = datagram ? data.Length : skipped + bodyStart;
        if (head.ContentLengthProblem is { } problem)
        {
            return Rejected(message, rest, bodyStart, SipParseError.InvalidContentLength, problem, headOnly);
        }

        var contentLength = head.ContentLength;
        if (contentLength > Options.MaxBodySize)
        {
            return Rejected(message, rest, bodyStart, SipParseError.BodyTooLarge,
                $"Content-Length {contentLength} exceeds the {Options.MaxBodySize} bytes accepted", headOnly);
        }

        var available = rest.Length - bodyStart;
        int bodyLength;
        if (datagram)
        {
            if (contentLength > available)
            {
                return Rejected(message, rest, bodyStart, SipParseError.BodyShorterThanContentLength,
                    $"Content-Length {contentLength} exceeds the {available} body bytes received", data.Length);
            }

            bodyLength = contentLength ?? available;
        }
        else
        {
            if (contentLength is null)
            {
                return Rejected(message, rest, bodyStart, SipParseError.MissingRequiredHeader, "Content-Length is required on stream transports", headOnly);
            }

            if (available < contentLength.Value)
            {
                return SipParseResult.Incomplete(skipped);
            }

            bodyLength = contentLength.Value;
        }

        if (bodyStart + bodyLength > Options.MaxMessageSize)
        {
            return Rejected(message, rest, bodyStart, SipParseError.MessageTooLarge, $"message exceeds {Options.MaxMessageSize} bytes",
                datagram ? data.Length : skipped + bodyStart + bodyLength);
        }

        // The one copy: out of the transport's receive buffer, which is reused at once, into a pooled buffer of the
        // message's own size that the message holds until it is released.
        var buffer = MessageBuffer.CopyOf(rest[..(bodyStart + bodyLength)]);
        message.Headers.AttachSource(buffer);
        if (bodyLength > 0)
        {
            message.Body = new ReadOnlyMemory<byte>(buffer.Array, bodyStart, bodyLength);
        }

        var result = head.Finish(startResult);
        head.KeepTopVia(message);
        var consumed = datagram ? data.Length : skipped + bodyStart + bodyLength;
        return result.Status == SipParseStatus.Rejected
            ? result with { Consumed = consumed }
            : SipParseResult.Complete(message, consumed);
    }

    /// <summary>A framing rejection: the message keeps its header block so that it can still be answered.</summary>
    private static SipParseResult Rejected(SipMessage message, ReadOnlySpan<byte> rest, int bodyStart, SipParseError error, string detail, int consumed)
    {
        message.Headers.AttachSource(MessageBuffer.CopyOf(rest[..bodyStart]));
        return SipParseResult.Reject(error, detail, message, consumed);
    }

    /// <summary>The Proxy-Require option tags of a request that this element does not support (for the 420's Unsupported header).</summary>
    public IReadOnlyList<string> UnsupportedProxyRequire(SipMessage message)
    {
        var unsupported = new List<string>();
        if (Options.SupportedProxyRequire is not { } supported || message is not SipRequest { Method: not ("ACK" or "CANCEL") })
        {
            return unsupported;
        }

        foreach (var value in message.Headers.All(HeaderNames.ProxyRequire))
        {
            foreach (var tag in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!supported.Contains(tag))
                {
                    unsupported.Add(tag);
                }
            }
        }

        return unsupported;
    }

    private static string Truncate(ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 40)]);
        return bytes.Length <= 40 ? text : text + "…";
    }

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t';

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> span)
    {
        var start = 0;
        while (start < span.Length && IsWhitespace(span[start]))
        {
            start++;
        }

        var end = span.Length;
        while (end > start && IsWhitespace(span[end - 1]))
        {
            end--;
        }

        return span[start..end];
    }

    /// <summary>Digits only, leading zeros allowed (RFC 4475 §3.1.1.1); false on overflow past <paramref name="max"/>.</summary>
    private static bool TryDigits(ReadOnlySpan<byte> span, long max, out long value) => ByteGrammar.TryDigits(span, max, out value);

    private static bool IsToken(ReadOnlySpan<byte> span) => SipGrammar.IsToken(span);

    /// <summary>scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) (RFC 3986 §3.1).</summary>
    private static bool IsScheme(ReadOnlySpan<byte> span)
    {
        if (span.IsEmpty || !char.IsAsciiLetter((char)span[0]))
        {
            return false;
        }

        foreach (var b in span)
        {
            if (!(char.IsAsciiLetterOrDigit((char)b) || b is (byte)'+' or (byte)'-' or (byte)'.'))
            {
                return false;
            }
        }

        return true;
    }

    private static string MethodName(ReadOnlySpan<byte> method)
    {
        foreach (var (bytes, name) in KnownMethods)
        {
            if (method.SequenceEqual(bytes))
            {
                return name;
            }
        }

        return Encoding.ASCII.GetString(method);
    }
}
