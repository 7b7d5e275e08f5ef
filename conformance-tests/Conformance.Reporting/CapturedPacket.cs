namespace Conformance.Reporting;

/// <summary>
/// One datagram, or one read of a TCP stream, that one of the suite's peers sent or received during a scenario, with
/// both ends as "address:port". The bundle turns a scenario's packets into its capture (evidence/*.pcapng).
/// </summary>
/// <param name="Connection">The TCP connection the bytes belong to (from 1), or 0 for a datagram.</param>
public sealed record CapturedPacket(DateTimeOffset At, string Transport, string Source, string Destination, byte[] Bytes, int Connection = 0);
