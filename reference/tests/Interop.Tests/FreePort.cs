using TestSupport;

namespace Interop.Tests;

/// <summary>A loopback port free for both UDP and TCP right now, for peers that must be told a port (sipp, sipsak).</summary>
public static class FreePort
{
    public static int Next() => LoopbackPort.Next();
}
