using System.Net;

namespace Conformance.Harness.Adapters;

/// <summary>
/// The only door to the system under test. An adapter brings the system up (or finds it), tells the suite
/// where each realm listens, and takes it down again.
/// </summary>
public interface ISutAdapter : IAsyncDisposable
{
    string Name { get; }

    /// <param name="terminatingPeer">Where the suite's terminating UA listens: the SUT's next hop for admitted calls.</param>
    Task<SutEndpoints> StartAsync(IPEndPoint terminatingPeer, CancellationToken cancellationToken);
}
