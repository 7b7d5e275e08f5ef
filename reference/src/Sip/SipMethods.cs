namespace Sip;

/// <summary>Reads a method token as a <see cref="SipMethod"/>: method names are case-sensitive (RFC 3261 §7.1).</summary>
public static class SipMethods
{
    public static SipMethod Of(string? method) => method switch
    {
        "INVITE" => SipMethod.Invite,
        "ACK" => SipMethod.Ack,
        "CANCEL" => SipMethod.Cancel,
        "BYE" => SipMethod.Bye,
        "OPTIONS" => SipMethod.Options,
        "REGISTER" => SipMethod.Register,
        "PRACK" => SipMethod.Prack,
        "UPDATE" => SipMethod.Update,
        "INFO" => SipMethod.Info,
        "MESSAGE" => SipMethod.Message,
        "NOTIFY" => SipMethod.Notify,
        "SUBSCRIBE" => SipMethod.Subscribe,
        "REFER" => SipMethod.Refer,
        "PUBLISH" => SipMethod.Publish,
        _ => SipMethod.Other,
    };
}
