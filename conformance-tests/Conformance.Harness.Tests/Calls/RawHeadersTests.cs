using System.Text;
using Conformance.Harness.Calls;

namespace Conformance.Harness.Tests.Calls;

/// <summary>Header values read from the bytes, apart from any SIP parser: what "forwarded unchanged" compares.</summary>
public sealed class RawHeadersTests
{
    private static readonly byte[] Message = Encoding.ASCII.GetBytes(
        "INVITE sip:13912345678@x SIP/2.0\r\n" +
        "f:  \"Caller\" <sip:+8613812345678@gw.example;user=phone>;tag=1\r\n" +
        "From: <tel:02161234567>;tag=2\r\n" +
        "X-Folded: first\r\n second\r\n" +
        "Content-Length: 4\r\n\r\n" +
        "From: body\r\n");

    [Test]
    public void Finds_every_from_header_by_full_and_compact_name_and_not_in_the_body()
    {
        var values = RawHeaders.Values(Message, "From").Select(Encoding.ASCII.GetString).ToList();

        Assert.That(values, Is.EqualTo(new[] { "\"Caller\" <sip:+8613812345678@gw.example;user=phone>;tag=1", "<tel:02161234567>;tag=2" }));
    }

    [Test]
    public void Keeps_a_folded_value_with_its_continuation()
    {
        Assert.That(Encoding.ASCII.GetString(RawHeaders.Values(Message, "X-Folded")[0]), Is.EqualTo("first\r\n second"));
    }

    [TestCase("\"Caller\" <sip:+8613812345678@gw.example;user=phone>;tag=1", "+8613812345678")]
    [TestCase("<tel:02161234567>;tag=2", "02161234567")]
    [TestCase("sip:13800001111;phone-context=x@h", "13800001111")]
    public void Reads_the_user_part_as_bytes(string value, string user)
    {
        Assert.That(Encoding.ASCII.GetString(RawHeaders.UserPart(Encoding.ASCII.GetBytes(value))!), Is.EqualTo(user));
    }
}
