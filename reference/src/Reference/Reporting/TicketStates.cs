namespace Reference.Reporting;

/// <summary>The wire codes of <see cref="TicketState"/> (spec/api/openapi.yaml, Ticket.state) and of the steps that reach each.</summary>
public static class TicketStates
{
    public static string Code(this TicketState state) => state switch
    {
        TicketState.Received => "received",
        TicketState.Forwarded => "forwarded",
        TicketState.Answered => "answered",
        _ => "notified",
    };

    public static TicketState Parse(string code) => code switch
    {
        "received" => TicketState.Received,
        "forwarded" => TicketState.Forwarded,
        "answered" => TicketState.Answered,
        "notified" => TicketState.Notified,
        _ => throw new Storage.StorageException($"the store holds ticket state '{code}', which this node does not know"),
    };

    /// <summary>The state a step leads to, and the state it must come from: forwarded after received, and so on.</summary>
    public static (TicketState From, TicketState To)? Step(string step) => step switch
    {
        "forwarded" => (TicketState.Received, TicketState.Forwarded),
        "answered" => (TicketState.Forwarded, TicketState.Answered),
        "notified" => (TicketState.Answered, TicketState.Notified),
        _ => null,
    };
}
