using Labelling;

namespace Reference.Reporting;

/// <summary>
/// A report's ticket (举报工单): what was reported, by whom and through which channel, the department it is routed
/// to, and each step with its deadline (3 / 15 / 3 working days by default) and the time it was done.
/// </summary>
public sealed record Ticket(
    string Id,
    string Number,
    LabelCategory Category,
    string Channel,
    string Reporter,
    string Text,
    string Department,
    TicketState State,
    DateTimeOffset ReceivedAt,
    DateTimeOffset ForwardBy,
    DateTimeOffset? ForwardedAt = null,
    DateTimeOffset? AnswerBy = null,
    DateTimeOffset? AnsweredAt = null,
    string? Answer = null,
    DateTimeOffset? NotifyBy = null,
    DateTimeOffset? NotifiedAt = null)
{
    /// <summary>The step the ticket waits for ("forward", "answer", "notify"), or null once the reporter has been told.</summary>
    public string? Stage => State switch
    {
        TicketState.Received => "forward",
        TicketState.Forwarded => "answer",
        TicketState.Answered => "notify",
        _ => null,
    };

    /// <summary>The deadline of the step the ticket waits for.</summary>
    public DateTimeOffset? Due => State switch
    {
        TicketState.Received => ForwardBy,
        TicketState.Forwarded => AnswerBy,
        TicketState.Answered => NotifyBy,
        _ => null,
    };
}
