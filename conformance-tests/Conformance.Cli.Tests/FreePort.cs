using System.Net;
using TestSupport;

namespace Conformance.Cli.Tests;

/// <summary>A loopback port nobody holds right now, for a peer address that must be written into a target file.</summary>
public static class FreePort
{
    public static IPEndPoint Udp() => LoopbackPort.NextEndPoint();

    public static IPEndPoint Tcp() => LoopbackPort.NextEndPoint();
}
