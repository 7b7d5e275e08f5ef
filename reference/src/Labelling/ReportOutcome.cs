namespace Labelling;

/// <summary>What a report did: counted as a new reporter, or a repeat by one already counted (which counts once).</summary>
public enum ReportOutcome
{
    Counted,
    Repeat,
}
