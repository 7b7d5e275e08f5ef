namespace Smpp.Text;

/// <summary>
/// Splits text into short messages: one segment when it fits 140 octets (160 septets in the GSM 7-bit alphabet),
/// otherwise segments that each start with a 6-octet user data header (concatenation, 8-bit reference) so the handset
/// joins them (153 septets each). GSM 7-bit goes one septet per octet, or packed with one fill bit after the header.
/// </summary>
public static class MessageSegmenter
{
    public const int MaxOctets = 140;

    public const int MaxSeptets = 160;

    /// <summary>Septets after a 6-octet header: 140 octets hold 160 septets; the header takes 48 bits plus 1 fill bit, 7 septets.</summary>
    public const int MaxSeptetsWithHeader = 153;

    private const int HeaderOctets = 6;
    private const byte ConcatenationElement = 0x00;

    public static IReadOnlyList<MessageSegment> Split(string text, byte dataCoding, byte reference, bool packGsm7 = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (dataCoding == DataCodings.Default)
        {
            return SplitGsm7(Gsm7.ToSeptets(text), reference, packGsm7);
        }

        var whole = ShortMessageText.Encode(text, dataCoding);
        if (whole.Length <= MaxOctets)
        {
            return [new MessageSegment(whole, HasUserDataHeader: false)];
        }

        var chunks = Chunk(text, dataCoding, MaxOctets - HeaderOctets);
        if (chunks.Count > byte.MaxValue)
        {
            throw new ArgumentException($"The text needs {chunks.Count} segments; a concatenated message holds at most 255. Shorten it.", nameof(text));
        }

        return WithHeaders(chunks, reference);
    }

    private static IReadOnlyList<MessageSegment> SplitGsm7(byte[] septets, byte reference, bool pack)
    {
        // Packed, 160 septets ending in a CR need a second CR (TS 23.038 §6.1.2.3.1) and no longer fit one message.
        if (septets.Length <= MaxSeptets && (!pack || Gsm7.PackedLength(septets) <= MaxOctets))
        {
            return [new MessageSegment(pack ? Gsm7.Pack(septets) : septets, HasUserDataHeader: false)];
        }

        var chunks = new List<byte[]>();
        for (var start = 0; start < septets.Length;)
        {
            // Whole characters only: an escape and the extension code after it stay together (TS 23.038 §6.2.1.1).
            var end = start;
            while (end < septets.Length)
            {
                var width = septets[end] == Gsm7.Escape && end + 1 < septets.Length ? 2 : 1;
                if (end - start + width > MaxSeptetsWithHeader)
                {
                    break;
                }

                end += width;
            }

            // A CR ending a full packed segment would need a second CR past 140 octets: it opens the next segment instead.
            if (pack && end - start > 1 && Gsm7.PackedLength(septets.AsSpan(start, end - start), fillBits: 1) > MaxOctets - HeaderOctets)
            {
                end--;
            }

            var chunk = septets.AsSpan(start, end - start);
            chunks.Add(pack ? Gsm7.Pack(chunk, fillBits: 1) : chunk.ToArray());
            start = end;
        }

        if (chunks.Count > byte.MaxValue)
        {
            throw new ArgumentException($"The text needs {chunks.Count} segments; a concatenated message holds at most 255. Shorten it.", nameof(septets));
        }

        return WithHeaders(chunks, reference);
    }

    private static List<MessageSegment> WithHeaders(List<byte[]> chunks, byte reference)
    {
        var segments = new List<MessageSegment>(chunks.Count);
        for (var i = 0; i < chunks.Count; i++)
        {
            var octets = new byte[HeaderOctets + chunks[i].Length];
            octets[0] = HeaderOctets - 1;
            octets[1] = ConcatenationElement;
            octets[2] = 3;
            octets[3] = reference;
            octets[4] = (byte)chunks.Count;
            octets[5] = (byte)(i + 1);
            chunks[i].CopyTo(octets, HeaderOctets);
            segments.Add(new MessageSegment(octets, HasUserDataHeader: true));
        }

        return segments;
    }

    /// <summary>Reads the concatenation element, if any, and the text after the header.</summary>
    public static (ConcatenationInfo? Concatenation, ReadOnlyMemory<byte> UserData) ReadHeader(ReadOnlyMemory<byte> shortMessage)
    {
        var span = shortMessage.Span;
        if (span.Length == 0 || span[0] + 1 > span.Length)
        {
            return (null, shortMessage);
        }

        var headerEnd = span[0] + 1;
        ConcatenationInfo? info = null;
        for (var i = 1; i + 1 < headerEnd;)
        {
            var element = span[i];
            var length = span[i + 1];
            if (i + 2 + length > headerEnd)
            {
                break;
            }

            if (element == ConcatenationElement && length == 3)
            {
                info = new ConcatenationInfo(span[i + 2], span[i + 3], span[i + 4]);
            }
            else if (element == 0x08 && length == 4)
            {
                info = new ConcatenationInfo((span[i + 2] << 8) | span[i + 3], span[i + 4], span[i + 5]);
            }

            i += 2 + length;
        }

        return (info, shortMessage[headerEnd..]);
    }

    /// <summary>Cuts on character boundaries so no surrogate pair or UCS-2 code unit is split across segments.</summary>
    private static List<byte[]> Chunk(string text, byte dataCoding, int capacity)
    {
        var chunks = new List<byte[]>();
        var start = 0;
        while (start < text.Length)
        {
            var end = start;
            var octets = 0;
            while (end < text.Length)
            {
                var step = char.IsHighSurrogate(text[end]) && end + 1 < text.Length ? 2 : 1;
                var size = ShortMessageText.Encode(text.Substring(end, step), dataCoding).Length;
                if (octets + size > capacity)
                {
                    break;
                }

                octets += size;
                end += step;
            }

            chunks.Add(ShortMessageText.Encode(text[start..end], dataCoding));
            start = end;
        }

        return chunks;
    }
}
