using System.Text;

namespace Sip.Tests;

/// <summary>A parsed request's Request-URI stays bytes of its buffer until read: it reads, clones and writes as received.</summary>
public sealed class RequestUriBytesTests
{
    private const string Uri = "sip:%61lice@example.com;user=phone;tr%C3%A9s=1";

    private static SipRequest Parsed() => (SipRequest)ParsedText.Of(
        $"OPTIONS {Uri} SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-uri\r\n" +
        "From: <sip:caller@example.com>;tag=a\r\n" +
        "To: <sip:callee@example.com>\r\n" +
        "Call-ID: uri@example.com\r\n" +
        "CSeq: 1 OPTIONS\r\n" +
        "Max-Forwards: 70\r\n" +
        "Content-Length: 0\r\n\r\n");

    [Test]
    public void TheUriReadsClonesAndWritesAsReceived()
    {
        var request = Parsed();
        var clone = request.Clone();

        Assert.That(Encoding.UTF8.GetString(clone.ToBytes()), Does.StartWith($"OPTIONS {Uri} SIP/2.0\r\n"), "written from the bytes, unread");
        Assert.That(request.RequestUri, Is.EqualTo(Uri));
        Assert.That(clone.RequestUri, Is.EqualTo(Uri));
    }

    [Test]
    public void AUriSetInCodeReplacesTheBytes()
    {
        var request = Parsed();

        request.RequestUri = "sip:bob@example.org";

        Assert.That(Encoding.UTF8.GetString(request.ToBytes()), Does.StartWith("OPTIONS sip:bob@example.org SIP/2.0\r\n"));
    }

    [Test]
    public void AUriReadBeforeTheReleaseStaysReadable()
    {
        var read = Parsed();
        _ = read.RequestUri;
        read.Release();
        var unread = Parsed();
        unread.Release();

        Assert.That(read.RequestUri, Is.EqualTo(Uri));
        Assert.That(() => unread.RequestUri, Throws.InvalidOperationException, "as a raw header value, it is read while the buffer is held");
    }
}
