namespace Labelling.Appeals;

/// <summary>
/// One appeal (标记申诉) and where it stands; <see cref="DecideBy"/> is the deadline for a pending one. A pending appeal
/// past it is overdue and escalated (<see cref="EscalatedAt"/>, the moment the deadline passed); it can still be decided.
/// </summary>
public sealed record Appeal(
    string Id,
    string Number,
    string Holder,
    AppealReason Reason,
    string Text,
    DateTimeOffset FiledAt,
    DateTimeOffset DecideBy,
    AppealState State,
    DateTimeOffset? DecidedAt,
    string Why,
    DateTimeOffset? EscalatedAt = null)
{
    public bool IsOverdue(DateTimeOffset now) => State == AppealState.Pending && now > DecideBy;
}
