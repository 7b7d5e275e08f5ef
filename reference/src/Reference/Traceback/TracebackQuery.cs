namespace Reference.Traceback;

/// <summary>What GET /v1/traceback/calls asks: records whose <see cref="Column"/> equals <see cref="Value"/>, in [From, To), newest first.</summary>
public sealed record TracebackQuery(string Column, string Value, DateTimeOffset From, DateTimeOffset To, int Limit);
