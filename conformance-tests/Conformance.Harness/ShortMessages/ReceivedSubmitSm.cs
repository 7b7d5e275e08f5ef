using Smpp.Pdus;

namespace Conformance.Harness.ShortMessages;

/// <summary>One submit_sm as it arrived, with what the SMSC answered; <see cref="Text"/> excludes any user data header.</summary>
public sealed record ReceivedSubmitSm(
    int Link,
    DateTimeOffset ArrivedAt,
    ShortMessagePdu Pdu,
    string Text,
    SmscAnswer Answer)
{
    public string Destination => Pdu.DestinationAddress;

    public byte DataCoding => Pdu.DataCoding;
}
