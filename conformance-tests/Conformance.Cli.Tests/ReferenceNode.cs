using Conformance.Harness.Adapters;
using Conformance.Harness.Targets;

namespace Conformance.Cli.Tests;

/// <summary>
/// The reference node started apart from the `conformance` process, to be tested as a vendor's system would be. It
/// comes from the same plug-in folder the command line loads (adapters/reference/): these tests are no more compiled
/// against the reference node than the suite is.
/// </summary>
public static class ReferenceNode
{
    /// <param name="warningPeers">Where the node sends warning SMS and pushes; none: it sends none.</param>
    public static ISutAdapter Create(WarningPeers? warningPeers = null) =>
        AdapterFactory.Create(TargetFile.EmbeddedReference, warningPeers);
}
