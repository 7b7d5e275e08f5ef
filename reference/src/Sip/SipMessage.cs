using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace Sip;

/// <summary>A SIP request or response: start line, headers in wire order, and body bytes.</summary>
public abstract class SipMessage
{
    public const string Version = "SIP/2.0";

    // Set on a wire copy (WireCopy, OfWire): the message as it was sent, and nothing else of it is kept.
    private byte[]? _wire;

    // What _wire becomes once a leased wire copy handed its array back: reading it throws instead of sending bytes
    // the array's next lessee wrote.
    private static readonly byte[] ReturnedLease = new byte[1];
    private ParsedHeader? _topVia;
    private ParsedHeader? _from;
    private ParsedHeader? _to;

    // Made on first use: a message given its headers at construction (the parser's, a clone's) must not build a
    // default set first only to drop it.
    private SipHeaders? _headers;

    public SipHeaders Headers
    {
        // A wire copy's read as empty, made only if asked for: the copy is written out from its bytes alone.
        get => _headers ??= _wire is null ? new SipHeaders() : new SipHeaders(0);
        init => _headers = value;
    }

    public ReadOnlyMemory<byte> Body { get; set; } = ReadOnlyMemory<byte>.Empty;

    public string? CallId => Headers[HeaderNames.CallId];

    public CSeqHeader? CSeq => CSeqHeader.TryParse(Headers[HeaderNames.CSeq], out var cseq) ? cseq : null;

    /// <summary>
    /// The first value of the first Via, parsed. The parsed view is shared until the headers change, so read it and
    /// do not modify it: to change the Via, set the header.
    /// </summary>
    public ViaHeader? TopVia => (ViaHeader?)Parsed(ref _topVia, static headers => ParseTopVia(headers));

    /// <summary>The From header, parsed; shared like <see cref="TopVia"/>.</summary>
    public NameAddress? From => (NameAddress?)Parsed(ref _from, static headers => ParseAddress(headers, HeaderNames.From));

    /// <summary>The To header, parsed; shared like <see cref="TopVia"/>.</summary>
    public NameAddress? To => (NameAddress?)Parsed(ref _to, static headers => ParseAddress(headers, HeaderNames.To));

    /// <summary>
    /// The telephone number (<see cref="SipUri.Number"/>) of the first <paramref name="name"/> header, a name-addr or
    /// addr-spec (From, To): what <c>From?.Uri.Number</c> reads, but from the wire bytes while the header is as received,
    /// making the number's string and nothing else. Null when the header is missing, does not read, or has no number.
    /// </summary>
    public string? NumberIn(string name)
    {
        if (Headers.TryGetRaw(name, out var bytes))
        {
            return NameAddressTokens.TryRead(bytes, out var tokens) ? SipUri.NumberOf(bytes[tokens.Uri], in tokens.UriParts) : null;
        }

        return Headers[name] is { } text && NameAddress.TryParse(text, out var address) ? address.Uri.Number : null;
    }

    // Read from the wire bytes while the header is as received, so that it is not decoded to a string (and encoded back
    // on forwarding) only to read a tag, a branch or a sent-by.
    private static NameAddress? ParseAddress(SipHeaders headers, string name) =>
        headers.TryGetRaw(name, out var bytes) ? (NameAddress.TryParse(bytes, out var fromBytes) ? fromBytes : null)
        : headers[name] is { } text && NameAddress.TryParse(text, out var fromText) ? fromText
        : null;

    private static ViaHeader? ParseTopVia(SipHeaders headers)
    {
        if (headers.TryGetRaw(HeaderNames.Via, out var bytes))
        {
            var comma = ByteGrammar.NextSeparator(bytes, 0);
            return ViaHeader.TryParse(comma < 0 ? bytes : bytes[..comma], out var fromBytes) ? fromBytes : null;
        }

        if (headers[HeaderNames.Via] is not { } text)
        {
            return null;
        }

        var separator = HeaderValueSplitter.NextSeparator(text, 0);
        return ViaHeader.TryParse(separator < 0 ? text.AsSpan() : text.AsSpan(0, separator), out var via) ? via : null;
    }

    /// <summary>Makes <paramref name="via"/> the parsed top Via of the headers as they are now (after the caller set them from it).</summary>
    internal void RememberTopVia(ViaHeader via) => _topVia = new ParsedHeader(Headers, Headers.Version, via);

    private object? Parsed(ref ParsedHeader? cache, Func<SipHeaders, object?> parse)
    {
        var cached = Volatile.Read(ref cache);
        if (cached is not null && cached.IsCurrentFor(Headers))
        {
            return cached.Value;
        }

        var version = Headers.Version;
        var value = parse(Headers);
        Volatile.Write(ref cache, new ParsedHeader(Headers, version, value));
        return value;
    }

    /// <summary>
    /// Hands a received message's pooled buffer back (its clones keep their own hold). Call it when neither the
    /// message nor anything read from it as bytes (its <see cref="Body"/>) is used any more; header values already
    /// read as strings stay valid. Reading a raw header afterwards throws; the body reads as empty. A message never
    /// released is collected as usual, its buffer with it. Messages built in code hold no buffer: this does nothing.
    /// </summary>
    public void Release()
    {
        if (Headers.SourceArray is { } array && MemoryMarshal.TryGetArray(Body, out var segment) && ReferenceEquals(segment.Array, array))
        {
            Body = ReadOnlyMemory<byte>.Empty;
        }

        Headers.ReleaseSource();
    }

    /// <summary>The UTF-8 size of the start line without its CRLF.</summary>
    private protected abstract int StartLineByteCount();

    /// <summary>Writes the start line without its CRLF, part by part: no string of it is built per send.</summary>
    private protected abstract int WriteStartLine(Span<byte> destination);

    /// <summary>Writes the message as it goes on the wire; Content-Length always matches the body.</summary>
    public void WriteTo(IBufferWriter<byte> writer)
    {
        var span = writer.GetSpan(EncodedLength());
        var written = Encode(span);
        writer.Advance(written);
    }

    /// <summary>The wire bytes in one array of exactly the message's size.</summary>
    public byte[] ToBytes()
    {
        var bytes = GC.AllocateUninitializedArray<byte>(EncodedLength());
        Encode(bytes);
        return bytes;
    }

    /// <summary>
    /// A copy of <paramref name="response"/> that holds only its wire bytes (and status): it writes out exactly as the
    /// original, but its headers read as empty. A transaction lingering for timer J keeps one to answer
    /// retransmissions with, instead of the parsed response and what was read from it.
    /// </summary>
    internal static SipResponse WireCopy(SipResponse response) =>
        new() { StatusCode = response.StatusCode, ReasonPhrase = response.ReasonPhrase, _wire = response.ToBytes() };

    /// <summary>A response that is <paramref name="wire"/> alone (written whole by <see cref="SipResponse.WrittenFor"/>), read like a <see cref="WireCopy(SipResponse)"/>.</summary>
    private protected static SipResponse ResponseOfWire(int statusCode, string reasonPhrase, byte[] wire) =>
        new() { StatusCode = statusCode, ReasonPhrase = reasonPhrase, _wire = wire };

    /// <summary>
    /// A <see cref="WireCopy(SipResponse)"/> whose bytes are in an array leased from <see cref="ArrayPool{T}.Shared"/>:
    /// its owner must call <see cref="ReturnWire"/> once nothing reads the copy any more, and must never hand it to
    /// anything that keeps it (see <see cref="Transport.ISipTransport.CopiesOnSend"/>).
    /// </summary>
    internal static SipResponse PooledWireCopy(SipResponse response)
    {
        var length = response.EncodedLength();
        var lease = ArrayPool<byte>.Shared.Rent(length);
        var written = response.Encode(lease);
        return new() { StatusCode = response.StatusCode, ReasonPhrase = response.ReasonPhrase, _wire = lease, LeasedLength = written };
    }

    /// <summary>
    /// Hands the leased array of a <see cref="PooledWireCopy"/> back to the pool; nothing for any other message. The
    /// copy cannot be written out afterwards (it throws, rather than send another message's bytes). Not thread-safe:
    /// its owner calls it once, under the lock its sends are made under.
    /// </summary>
    internal void ReturnWire()
    {
        if (this is SipResponse { LeasedLength: > 0 } && _wire is { } lease && !ReferenceEquals(lease, ReturnedLease))
        {
            _wire = ReturnedLease;
            ArrayPool<byte>.Shared.Return(lease);
        }
    }

    // A leased array is larger than the message: its length is the response's (a request's wire copy is never leased).
    private ReadOnlySpan<byte> Wire =>
        ReferenceEquals(_wire, ReturnedLease) ? throw new InvalidOperationException("A wire copy was written out after its transaction handed its bytes back to the pool.")
        : this is SipResponse { LeasedLength: > 0 and var leased } ? _wire.AsSpan(0, leased)
        : _wire;

    /// <summary>True for a message that is only its wire bytes (<see cref="WireCopy"/>, <see cref="SipResponse.WrittenFor"/>, <see cref="OfWire"/>).</summary>
    internal bool IsWireCopy => _wire is not null;

    /// <summary>
    /// A message to send <paramref name="wire"/> as it is, such as a lean table keeps (<see cref="Proxy.WireArena"/>):
    /// its start line is read back from the bytes, its headers read as empty. Made only when a retransmission is
    /// answered again, so the table keeps the bytes alone; they are copied out of the table's chunk here, so that every
    /// message pays for a plain array reference rather than a slice.
    /// </summary>
    internal static SipMessage OfWire(ReadOnlyMemory<byte> wire)
    {
        // The start line read as bytes: "SIP/2.0 603 reason" or "METHOD uri SIP/2.0", split at its first two spaces.
        var span = wire.Span;
        var lineEnd = span.IndexOf("\r\n"u8);
        var line = lineEnd < 0 ? span : span[..lineEnd];
        var first = line.IndexOf((byte)' ');
        var head = first < 0 ? line : line[..first];
        var rest = first < 0 ? [] : line[(first + 1)..];
        var second = rest.IndexOf((byte)' ');
        var middle = second < 0 ? rest : rest[..second];
        if (second >= 0 && head.SequenceEqual("SIP/2.0"u8) &&
            int.TryParse(middle, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var status))
        {
            return new SipResponse { StatusCode = status, ReasonPhrase = Encoding.UTF8.GetString(rest[(second + 1)..]), _wire = wire.ToArray() };
        }

        return new SipRequest { Method = Encoding.UTF8.GetString(head), RequestUri = Encoding.UTF8.GetString(middle), _wire = wire.ToArray() };
    }

    /// <summary>The bytes of a wire copy (<see cref="WireCopy"/>, <see cref="OfWire"/>), which go out as they are; false for any other message.</summary>
    internal bool TryGetWire(out ReadOnlySpan<byte> wire)
    {
        if (!IsWireCopy)
        {
            wire = default;
            return false;
        }

        wire = Wire;
        return true;
    }

    /// <summary>The exact wire size: header names are ASCII tokens, values and the start line UTF-8.</summary>
    internal int EncodedLength()
    {
        if (IsWireCopy)
        {
            return Wire.Length;
        }

        var length = StartLineByteCount() + 2;
        for (var i = 0; i < Headers.Count; i++)
        {
            var name = Headers.NameAt(i);
            if (!IsContentLength(name))
            {
                length += name.Length + 2 + Headers.ValueByteCount(i) + 2;
            }
        }

        return length + HeaderNames.ContentLength.Length + 2 + DigitCount(Body.Length) + 4 + Body.Length;
    }

    /// <summary>Writes the wire bytes into <paramref name="destination"/>, which must hold <see cref="EncodedLength"/> bytes; returns the count.</summary>
    internal int Encode(Span<byte> destination)
    {
        if (IsWireCopy)
        {
            return Put(destination, Wire);
        }

        var at = WriteStartLine(destination);
        at += Put(destination[at..], "\r\n"u8);
        for (var i = 0; i < Headers.Count; i++)
        {
            var name = Headers.NameAt(i);
            if (IsContentLength(name))
            {
                continue;
            }

            at += Encoding.ASCII.GetBytes(name, destination[at..]);
            at += Put(destination[at..], ": "u8);
            at += Headers.WriteValue(i, destination[at..]);
            at += Put(destination[at..], "\r\n"u8);
        }

        at += Encoding.ASCII.GetBytes(HeaderNames.ContentLength, destination[at..]);
        at += Put(destination[at..], ": "u8);
        Body.Length.TryFormat(destination[at..], out var digits, provider: System.Globalization.CultureInfo.InvariantCulture);
        at += digits;
        at += Put(destination[at..], "\r\n\r\n"u8);
        Body.Span.CopyTo(destination[at..]);
        return at + Body.Length;
    }

    private static int DigitCount(int value)
    {
        var digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }

        return digits;
    }

    private protected static int Put(Span<byte> destination, string text) => Encoding.UTF8.GetBytes(text, destination);

    private protected static int Put(Span<byte> destination, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(destination);
        return bytes.Length;
    }

    private static bool IsContentLength(string name) => string.Equals(name, HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => Encoding.UTF8.GetString(ToBytes());
}
