using System.Buffers;
using System.Text;

namespace Sip;

/// <summary>A SIP request or response: start line, headers in wire order, and body bytes.</summary>
public abstract class SipMessage
{
    public const string Version = "SIP/2.0";

    public SipHeaders Headers { get; init; } = new();

    public ReadOnlyMemory<byte> Body { get; set; } = ReadOnlyMemory<byte>.Empty;

    public string? CallId => Headers[HeaderNames.CallId];

    public CSeqHeader? CSeq => CSeqHeader.TryParse(Headers[HeaderNames.CSeq], out var cseq) ? cseq : null;

    public ViaHeader? TopVia
    {
        get
        {
            var first = Headers[HeaderNames.Via];
            return first is not null && ViaHeader.TryParse(HeaderValueSplitter.SplitCommas(first)[0], out var via) ? via : null;
        }
    }

    public NameAddress? From => NameAddress.TryParse(Headers[HeaderNames.From], out var value) ? value : null;

    public NameAddress? To => NameAddress.TryParse(Headers[HeaderNames.To], out var value) ? value : null;

    protected abstract string StartLine { get; }

    /// <summary>Writes the message as it goes on the wire; Content-Length always matches the body.</summary>
    public void WriteTo(IBufferWriter<byte> writer)
    {
        var text = new StringBuilder(512);
        text.Append(StartLine).Append("\r\n");
        foreach (var header in Headers)
        {
            if (string.Equals(header.Name, HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            text.Append(header.Name).Append(": ").Append(header.Value).Append("\r\n");
        }

        text.Append(HeaderNames.ContentLength).Append(": ").Append(Body.Length).Append("\r\n\r\n");
        var head = Encoding.UTF8.GetBytes(text.ToString());
        writer.Write(head);
        writer.Write(Body.Span);
    }

    public byte[] ToBytes()
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        WriteTo(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public override string ToString() => Encoding.UTF8.GetString(ToBytes());
}
