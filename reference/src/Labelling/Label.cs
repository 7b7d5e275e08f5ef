namespace Labelling;

/// <summary>
/// A number's label as callers and apps see it. <see cref="Count"/> is the distinct reporters in the window (for
/// other sources, those that also reported it); <see cref="At"/> is when the label took its present form;
/// <see cref="Holder"/> is the holder the label names (a declaring enterprise), when it names one.
/// </summary>
public sealed record Label(string Number, LabelCategory Category, int Count, LabelSource Source, DateTimeOffset At, string? Holder = null);
