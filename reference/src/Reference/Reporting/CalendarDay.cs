namespace Reference.Reporting;

/// <summary>One day a holiday calendar lists: a public holiday or a make-up working day (调休上班), with its name.</summary>
public sealed record CalendarDay(DateOnly Date, string Name);
