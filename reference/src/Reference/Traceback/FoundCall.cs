namespace Reference.Traceback;

/// <summary>One call record as a traceback query answers it (spec/api/openapi.yaml, TracebackCall): the record and its trunk's enterprise.</summary>
public sealed record FoundCall(
    DateTimeOffset At,
    string Realm,
    string? Trunk,
    string? Enterprise,
    string Calling,
    string Called,
    string? OrigId,
    string CallId,
    string Decision,
    string Reason);
