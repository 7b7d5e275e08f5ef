using System.Text;

namespace Sip.Tests;

/// <summary>A message as the parser reads it from one datagram of text, its header values still in wire bytes.</summary>
internal static class ParsedText
{
    public static SipMessage Of(string text)
    {
        var result = new SipParser().Parse(Encoding.UTF8.GetBytes(text), datagram: true);
        Assert.That(result.Status, Is.EqualTo(SipParseStatus.Complete), result.Detail);
        return result.Message!;
    }
}
