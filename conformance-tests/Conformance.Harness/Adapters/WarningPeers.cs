using System.Net;

namespace Conformance.Harness.Adapters;

/// <summary>Where the suite's warning peers listen: the SMSC the SUT binds to as an ESME, and the app-push sink.</summary>
public sealed record WarningPeers(IPEndPoint Smsc, Uri PushUrl)
{
    /// <summary>The reference node's configuration keys for these addresses (reference adapter only).</summary>
    public IEnumerable<string> AsReferenceArguments() =>
    [
        $"--Warnings:Smsc={Smsc}",
        $"--Warnings:PushUrl={PushUrl}",
    ];
}
