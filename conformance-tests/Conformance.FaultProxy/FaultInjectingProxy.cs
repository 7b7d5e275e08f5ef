using System.Net;

namespace Conformance.FaultProxy;

/// <summary>
/// Stands between the suite and a system under test (UDP SIP per realm, and its management API) and adds the named
/// faults (<see cref="Faults"/>). Bind first, so that the system can be told the proxy's next hop; then start it with
/// the system's addresses. The suite talks to <see cref="Realms"/> and <see cref="Management"/> as if to the system.
/// </summary>
public sealed class FaultInjectingProxy : IAsyncDisposable
{
    private readonly SipRelay _sip;
    private readonly HashSet<string> _faults;
    private ManagementRelay? _management;

    public FaultInjectingProxy(IEnumerable<string> realms, IEnumerable<string> faults)
    {
        _faults = new HashSet<string>(faults, StringComparer.Ordinal);
        if (Faults.Unknown(_faults) is { Count: > 0 } unknown)
        {
            throw new ArgumentException($"Unknown fault(s) {string.Join(", ", unknown)}; known: {string.Join(", ", Faults.All)}.", nameof(faults));
        }

        _sip = new SipRelay(realms, _faults);
    }

    public IReadOnlySet<string> Active => _faults;

    /// <summary>The system's next hop: the proxy passes what arrives here on to the callee.</summary>
    public IPEndPoint NextHop => _sip.NextHop;

    /// <summary>Where callers reach the system through the proxy, per realm.</summary>
    public IReadOnlyDictionary<string, IPEndPoint> Realms => _sip.Realms;

    public Uri? Management { get; private set; }

    public async Task StartAsync(IReadOnlyDictionary<string, IPEndPoint> system, Uri? management, IPEndPoint callee, CancellationToken cancellationToken)
    {
        _sip.Start(system, callee);
        if (management is not null)
        {
            _management = new ManagementRelay(management, _sip.Clients, _faults);
            Management = await _management.StartAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_management is not null)
        {
            await _management.DisposeAsync();
        }

        await _sip.DisposeAsync();
    }
}
