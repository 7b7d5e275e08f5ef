using System.Buffers;
using System.Text;

namespace Sip;

/// <summary>
/// Push parser over bytes. Datagram mode treats the buffer as one whole message (RFC 3261 §18.3: the body
/// ends at the datagram's end, Content-Length may shorten it); stream mode frames by Content-Length and
/// answers <see cref="SipParseStatus.Incomplete"/> until the whole message is there.
/// </summary>
public sealed class SipParser(SipParserOptions options)
{
    private static readonly byte[] HeaderTerminator = "\r\n\r\n"u8.ToArray();
    private static readonly string[] RequiredHeaders =
        [HeaderNames.Via, HeaderNames.From, HeaderNames.To, HeaderNames.CallId, HeaderNames.CSeq];

    public SipParser()
        : this(SipParserOptions.Default)
    {
    }

    public SipParserOptions Options { get; } = options;

    public SipParseResult Parse(ReadOnlySequence<byte> buffer, bool datagram) =>
        buffer.IsSingleSegment ? Parse(buffer.FirstSpan, datagram) : Parse(buffer.ToArray(), datagram);

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

        var headerEnd = rest.IndexOf(HeaderTerminator);
        if (headerEnd < 0)
        {
            if (rest.Length > Options.MaxMessageSize)
            {
                return SipParseResult.Reject(SipParseError.MessageTooLarge, $"header block exceeds {Options.MaxMessageSize} bytes", consumed: data.Length);
            }

            return datagram
                ? SipParseResult.Reject(SipParseError.MalformedHeader, "header block is not terminated by an empty line", consumed: data.Length)
                : SipParseResult.Incomplete(skipped);
        }

        var head = Encoding.UTF8.GetString(rest[..headerEnd]);
        var bodyStart = headerEnd + HeaderTerminator.Length;
        var result = ParseHead(head, out var message);
        if (message is null)
        {
            return result with { Consumed = datagram ? data.Length : skipped + bodyStart };
        }

        if (!TryContentLength(message, out var contentLength, out var lengthProblem))
        {
            return SipParseResult.Reject(SipParseError.InvalidContentLength, lengthProblem, message, datagram ? data.Length : skipped + bodyStart);
        }

        var available = rest.Length - bodyStart;
        int bodyLength;
        if (datagram)
        {
            if (contentLength > available)
            {
                return SipParseResult.Reject(SipParseError.BodyShorterThanContentLength,
                    $"Content-Length {contentLength} exceeds the {available} body bytes received", message, data.Length);
            }

            bodyLength = contentLength ?? available;
        }
        else
        {
            if (contentLength is null)
            {
                return SipParseResult.Reject(SipParseError.MissingRequiredHeader,
                    "Content-Length is required on stream transports", message, skipped + bodyStart);
            }

            if (bodyStart + contentLength.Value > Options.MaxMessageSize)
            {
                return SipParseResult.Reject(SipParseError.MessageTooLarge,
                    $"message of {bodyStart + contentLength.Value} bytes exceeds {Options.MaxMessageSize}", message, skipped + bodyStart);
            }

            if (available < contentLength.Value)
            {
                return SipParseResult.Incomplete(skipped);
            }

            bodyLength = contentLength.Value;
        }

        if (bodyStart + bodyLength > Options.MaxMessageSize)
        {
            return SipParseResult.Reject(SipParseError.MessageTooLarge, $"message exceeds {Options.MaxMessageSize} bytes", message, data.Length);
        }

        message.Body = rest.Slice(bodyStart, bodyLength).ToArray();
        var consumed = datagram ? data.Length : skipped + bodyStart + bodyLength;
        return result.Status == SipParseStatus.Rejected
            ? result with { Message = message, Consumed = consumed }
            : SipParseResult.Complete(message, consumed);
    }

    /// <summary>Reads start line and headers. A rejection with a message means the request can still be answered.</summary>
    private SipParseResult ParseHead(string head, out SipMessage? message)
    {
        message = null;
        var lines = Unfold(head);
        if (lines.Count == 0)
        {
            return SipParseResult.Reject(SipParseError.MalformedStartLine, "no start line");
        }

        var startResult = ParseStartLine(lines[0], out message);
        if (message is null)
        {
            return startResult;
        }

        for (var i = 1; i < lines.Count; i++)
        {
            var line = lines[i];
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                return SipParseResult.Reject(SipParseError.MalformedHeader, $"header line {i} has no name and colon", message);
            }

            var name = line.AsSpan(0, colon).TrimEnd(" \t");
            if (!SipGrammar.IsToken(name))
            {
                return SipParseResult.Reject(SipParseError.MalformedHeader, $"header line {i} has an invalid name", message);
            }

            message.Headers.Add(name.ToString(), line[(colon + 1)..].Trim(' ', '\t'));
        }

        if (startResult.Status == SipParseStatus.Rejected)
        {
            return startResult with { Message = message };
        }

        return Validate(message);
    }

    private SipParseResult ParseStartLine(string line, out SipMessage? message)
    {
        message = null;
        if (line.StartsWith("SIP/", StringComparison.Ordinal))
        {
            // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase
            var firstSpace = line.IndexOf(' ');
            if (firstSpace < 0 || line[..firstSpace] != SipMessage.Version)
            {
                return SipParseResult.Reject(SipParseError.UnsupportedVersion, $"unsupported version in '{Truncate(line)}'");
            }

            var codeText = line.Length >= firstSpace + 4 ? line.Substring(firstSpace + 1, 3) : string.Empty;
            if (!int.TryParse(codeText, System.Globalization.NumberStyles.None, null, out var code) || code < 100 || code > 699 ||
                (line.Length > firstSpace + 4 && line[firstSpace + 4] != ' '))
            {
                return SipParseResult.Reject(SipParseError.MalformedStartLine, $"invalid status code in '{Truncate(line)}'");
            }

            var reason = line.Length > firstSpace + 5 ? line[(firstSpace + 5)..] : string.Empty;
            message = new SipResponse { StatusCode = code, ReasonPhrase = reason };
            return SipParseResult.Complete(message, 0);
        }

        // Request-Line = Method SP Request-URI SP SIP-Version: exactly one space between elements.
        var parts = line.Split(' ');
        if (parts.Length != 3 || !SipGrammar.IsToken(parts[0]) || parts[1].Length == 0)
        {
            return SipParseResult.Reject(SipParseError.MalformedStartLine, $"request line is not 'METHOD SP URI SP SIP/2.0': '{Truncate(line)}'");
        }

        var colon = parts[1].IndexOf(':');
        if (colon <= 0)
        {
            return SipParseResult.Reject(SipParseError.MalformedStartLine, $"Request-URI '{Truncate(parts[1])}' has no scheme");
        }

        var request = new SipRequest { Method = parts[0], RequestUri = parts[1] };
        message = request;
        if (parts[2] != SipMessage.Version)
        {
            return parts[2].StartsWith("SIP/", StringComparison.OrdinalIgnoreCase)
                ? SipParseResult.Reject(SipParseError.UnsupportedVersion, $"version {Truncate(parts[2])} is not SIP/2.0", request)
                : SipParseResult.Reject(SipParseError.MalformedStartLine, "request line does not end with SIP/2.0", request);
        }

        if (parts[1].Length > Options.MaxRequestUriLength)
        {
            return SipParseResult.Reject(SipParseError.RequestUriTooLong, $"Request-URI longer than {Options.MaxRequestUriLength}", request);
        }

        var scheme = parts[1][..colon].ToLowerInvariant();
        if (scheme is not ("sip" or "sips" or "tel"))
        {
            return SipParseResult.Reject(SipParseError.UnsupportedUriScheme, $"Request-URI scheme '{Truncate(scheme)}' is not supported", request);
        }

        if (!SipUri.TryParse(parts[1], out _))
        {
            return SipParseResult.Reject(SipParseError.MalformedStartLine, $"Request-URI '{Truncate(parts[1])}' is malformed", request);
        }

        return SipParseResult.Complete(request, 0);
    }

    private static SipParseResult Validate(SipMessage message)
    {
        foreach (var name in RequiredHeaders)
        {
            if (!message.Headers.Contains(name))
            {
                return SipParseResult.Reject(SipParseError.MissingRequiredHeader, $"missing {name} header", message);
            }
        }

        if (message.CSeq is not { } cseq)
        {
            return SipParseResult.Reject(SipParseError.MalformedHeader, "CSeq is not 'number method'", message);
        }

        if (message.TopVia is null)
        {
            return SipParseResult.Reject(SipParseError.MalformedHeader, "top Via is malformed", message);
        }

        if (message.From is null || message.To is null)
        {
            return SipParseResult.Reject(SipParseError.MalformedHeader, message.From is null ? "From is malformed" : "To is malformed", message);
        }

        if (message is SipRequest request && !string.Equals(request.Method, cseq.Method, StringComparison.Ordinal))
        {
            return SipParseResult.Reject(SipParseError.CSeqMethodMismatch, $"CSeq method {cseq.Method} differs from {request.Method}", message);
        }

        return SipParseResult.Complete(message, 0);
    }

    private static bool TryContentLength(SipMessage message, out int? length, out string problem)
    {
        length = null;
        problem = string.Empty;
        foreach (var value in message.Headers.All(HeaderNames.ContentLength))
        {
            if (!int.TryParse(value, System.Globalization.NumberStyles.None, null, out var parsed))
            {
                problem = $"Content-Length '{Truncate(value)}' is not a non-negative integer";
                return false;
            }

            if (length is not null && length != parsed)
            {
                problem = "Content-Length appears twice with different values";
                return false;
            }

            length = parsed;
        }

        return true;
    }

    /// <summary>Splits on CRLF and joins continuation lines (leading SP or HT) with one space, RFC 3261 §7.3.1.</summary>
    private static List<string> Unfold(string head)
    {
        var lines = new List<string>(16);
        foreach (var raw in head.Split("\r\n"))
        {
            if (raw.Length > 0 && (raw[0] == ' ' || raw[0] == '\t') && lines.Count > 1)
            {
                lines[^1] = lines[^1].TrimEnd(' ', '\t') + " " + raw.Trim(' ', '\t');
            }
            else
            {
                lines.Add(raw);
            }
        }

        return lines;
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
