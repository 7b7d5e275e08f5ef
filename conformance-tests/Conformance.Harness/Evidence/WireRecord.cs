using System.Net;

namespace Conformance.Harness.Evidence;

/// <summary>
/// One datagram or one read of a TCP stream that one of the suite's peers sent or received, with the addresses on both
/// ends: enough to print it as evidence and to rebuild it as a packet in a capture.
/// </summary>
/// <param name="Connection">The TCP connection the bytes belong to (from 1), or 0 for a datagram.</param>
/// <param name="Note">What the suite knows of it beyond the bytes: "retransmission", "arrival #12", "re-serialised from the parsed message".</param>
public sealed record WireRecord(DateTimeOffset At, string Transport, IPEndPoint Source, IPEndPoint Destination, byte[] Bytes, int Connection = 0, string Note = "");
