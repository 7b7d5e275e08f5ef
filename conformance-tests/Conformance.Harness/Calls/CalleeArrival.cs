using System.Net;
using Sip;

namespace Conformance.Harness.Calls;

/// <summary>
/// Bytes that reached the suite's callee side, as they came off the wire: one UDP datagram, or one read of a TCP
/// connection. <see cref="Message"/> is set only when a datagram parsed as a whole SIP message; garbage, partial
/// messages and stream bytes are kept all the same, so that a check can see what a system relayed without parsing it.
/// </summary>
/// <param name="Sequence">Arrival order at the callee, from 1; compare it with <see cref="TerminatingUa.Mark"/>.</param>
/// <param name="Connection">The TCP connection the bytes came on (from 1), or 0 for a datagram.</param>
public sealed record CalleeArrival(long Sequence, string Transport, IPEndPoint Remote, DateTimeOffset At, byte[] Bytes, SipMessage? Message, int Connection = 0)
{
    public SipRequest? Request => Message as SipRequest;

    public bool Contains(string text) =>
        text.Length > 0 && Bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0;

    public bool Contains(ReadOnlySpan<byte> bytes) => bytes.Length > 0 && Bytes.AsSpan().IndexOf(bytes) >= 0;

    /// <summary>The bytes as text for evidence: printable ASCII kept, anything else shown as \xNN.</summary>
    public string Printable()
    {
        var text = new System.Text.StringBuilder(Bytes.Length);
        foreach (var b in Bytes)
        {
            if (b is (>= 0x20 and < 0x7f) or (byte)'\r' or (byte)'\n' or (byte)'\t')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\x{b:x2}");
            }
        }

        return text.ToString();
    }
}
