namespace Reference.Reporting;

/// <summary>The body of POST /v1/tickets/{id}/answered: the department's answer, as the reporter will be told it.</summary>
public sealed record AnswerRequest(string? Answer);
