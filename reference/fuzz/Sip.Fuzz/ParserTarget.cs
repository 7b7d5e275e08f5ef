namespace Sip.Fuzz;

/// <summary>
/// What one fuzz input exercises: datagram and stream parsing, every rejection's status mapping, serializing what
/// parsed, parsing that again, and the typed accessors the node reads. Any exception escaping is a crash.
/// </summary>
public static class ParserTarget
{
    private static readonly SipParser Parser = new();

    public static void Run(ReadOnlySpan<byte> input)
    {
        foreach (var datagram in new[] { true, false })
        {
            var offset = 0;
            for (var messages = 0; messages < 8 && offset <= input.Length; messages++)
            {
                var result = Parser.Parse(input[offset..], datagram);
                _ = result.Error.ToStatusCode();
                if (result.Consumed < 0 || offset + result.Consumed > input.Length)
                {
                    throw new InvalidOperationException($"consumed {result.Consumed} bytes at offset {offset} of {input.Length}");
                }

                if (result.Message is { } message)
                {
                    Touch(message);
                }

                if (result.Status == SipParseStatus.Complete)
                {
                    var again = Parser.Parse(result.Message!.ToBytes(), datagram: true);
                    if (again.Status != SipParseStatus.Complete)
                    {
                        throw new InvalidOperationException($"a parsed message did not parse again after serializing: {again.Error} {again.Detail}");
                    }

                    CloneOutlivesRelease(again.Message!);
                }

                result.Message?.Release();

                if (datagram || result.Status != SipParseStatus.Complete || result.Consumed == 0)
                {
                    break;
                }

                offset += result.Consumed;
            }
        }
    }

    /// <summary>A clone shares the pooled buffer; releasing the original must leave the clone intact.</summary>
    private static void CloneOutlivesRelease(SipMessage message)
    {
        if (message is not SipRequest request)
        {
            message.Release();
            return;
        }

        var expected = request.ToBytes();
        var clone = request.Clone();
        request.Release();
        _ = Parser.Parse(expected, datagram: true).Message;
        if (!clone.ToBytes().AsSpan().SequenceEqual(expected))
        {
            throw new InvalidOperationException("a clone changed after the original message was released");
        }

        clone.Release();
    }

    private static void Touch(SipMessage message)
    {
        _ = message.CallId;
        _ = message.CSeq;
        _ = message.TopVia?.Branch;
        _ = message.From?.Uri.Number;
        _ = message.To?.Tag;
        if (message is SipRequest request)
        {
            _ = SipUri.TryParse(request.RequestUri, out var uri) ? uri.ToString() : null;
            _ = Parser.UnsupportedProxyRequire(request);
            _ = SipResponse.For(request, 400).ToBytes();
        }
    }
}
