using Smpp.Pdus;

namespace Smpp.Esme;

/// <summary>
/// What became of one message. Attempts counts submit_sm sent for all its segments, so a value above the
/// segment count means it was retried; an undeliverable result says why in <see cref="Reason"/>.
/// </summary>
public sealed record SubmissionResult(
    OutboundMessage Message,
    SubmissionOutcome Outcome,
    IReadOnlyList<string> MessageIds,
    int Segments,
    int Attempts,
    CommandStatus LastStatus,
    DateTimeOffset QueuedAt,
    DateTimeOffset CompletedAt,
    string Reason);
