using System.Net;

namespace Sip.Transport;

/// <summary>A parsed message and where it came from, as handed to the layer above the transport.</summary>
public sealed record InboundMessage(SipMessage Message, IPEndPoint Remote, ISipTransport Transport);
