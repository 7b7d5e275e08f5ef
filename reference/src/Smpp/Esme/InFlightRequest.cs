namespace Smpp.Esme;

/// <summary>A submit_sm on the wire, waiting for its answer since <paramref name="SentAt"/>.</summary>
internal sealed record InFlightRequest(Segment Segment, DateTimeOffset SentAt);
