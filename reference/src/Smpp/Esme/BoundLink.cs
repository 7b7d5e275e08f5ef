using System.Collections.Concurrent;
using Smpp.Transport;

namespace Smpp.Esme;

/// <summary>One connection to the SMSC while it lasts: its window of unanswered submit_sm, what is in flight, the enquire_links unanswered, and when the SMSC was last heard.</summary>
internal sealed class BoundLink(PduConnection connection, int window, DateTimeOffset openedAt)
{
    private long _lastHeardTicks = openedAt.UtcTicks;

    public PduConnection Connection { get; } = connection;

    public SemaphoreSlim Window { get; } = new(window, window);

    public ConcurrentDictionary<uint, InFlightRequest> InFlight { get; } = new();

    public ConcurrentDictionary<uint, DateTimeOffset> Enquiries { get; } = new();

    public DateTimeOffset LastHeard => new(Interlocked.Read(ref _lastHeardTicks), TimeSpan.Zero);

    public void Heard(DateTimeOffset at) => Interlocked.Exchange(ref _lastHeardTicks, at.UtcTicks);
}
