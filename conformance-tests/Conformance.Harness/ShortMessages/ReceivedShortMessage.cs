namespace Conformance.Harness.ShortMessages;

/// <summary>
/// A whole message the SMSC accepted: one submit_sm, or every segment of a concatenated one joined.
/// <see cref="FirstArrivedAt"/> is when its first segment reached the SMSC, the figure the latency checks use.
/// </summary>
public sealed record ReceivedShortMessage(
    string Source,
    string Destination,
    byte DataCoding,
    string Text,
    int Segments,
    DateTimeOffset FirstArrivedAt,
    DateTimeOffset LastArrivedAt,
    string SystemId);
