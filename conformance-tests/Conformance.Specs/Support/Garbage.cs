using System.Text;
using Conformance.Fixtures;
using Sip;

namespace Conformance.Specs.Support;

/// <summary>Datagrams that are not acceptable SIP, named as the scenarios name them.</summary>
public static class Garbage
{
    public static byte[] Make(string kind, SipRequest validInvite, NumberFaker numbers) => kind switch
    {
        "random bytes" => RandomBytes(numbers),
        "an HTTP request" => Encoding.ASCII.GetBytes("GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: conformance\r\n\r\n"),
        "an INVITE whose Content-Length overstates" => Replace(validInvite, $"Content-Length: {validInvite.Body.Length}", "Content-Length: 9999"),
        "an INVITE without a Call-ID" => Replace(validInvite, $"Call-ID: {validInvite.CallId}\r\n", string.Empty),
        _ => throw new ArgumentException($"Unknown kind of garbage '{kind}'.", nameof(kind)),
    };

    private static byte[] RandomBytes(NumberFaker numbers)
    {
        var random = new Random(NumberFaker.StableHash(numbers.DomesticMobile()));
        var bytes = new byte[512];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Replace(SipRequest invite, string from, string to)
    {
        var text = invite.ToString();
        if (!text.Contains(from, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The draft INVITE has no '{from.Trim()}' to alter.");
        }

        return Encoding.UTF8.GetBytes(text.Replace(from, to, StringComparison.Ordinal));
    }
}
