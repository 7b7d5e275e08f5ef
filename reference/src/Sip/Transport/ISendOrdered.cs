namespace Sip.Transport;

/// <summary>
/// What sends messages whose order on the wire must hold across threads (a transaction's responses): the transport
/// reaches its <see cref="SendOrder"/> through it, and a batch holds it beside each provisional response it queues.
/// </summary>
internal interface ISendOrdered
{
    ref SendOrder Order { get; }
}
