using System.Net;
using System.Net.Sockets;

namespace Conformance.FaultProxy;

/// <summary>The socket that speaks for one client towards the system under test.</summary>
internal sealed record ClientSocket(IPEndPoint Client, Socket Socket)
{
    public IPEndPoint Local => (IPEndPoint)Socket.LocalEndPoint!;
}
