namespace Sip;

/// <summary>
/// The methods a proxy tells apart (RFC 3261 §7.1 and the extensions a trunk sends); any other token is
/// <see cref="Other"/> and keeps its name in <see cref="SipRequest.Method"/>.
/// </summary>
public enum SipMethod
{
    Other,
    Invite,
    Ack,
    Cancel,
    Bye,
    Options,
    Register,
    Prack,
    Update,
    Info,
    Message,
    Notify,
    Subscribe,
    Refer,
    Publish,
}
