namespace Labelling;

/// <summary>
/// The labelling figures no national text fixes (REQUIREMENTS.md area 8 defaults): distinct reporters needed within
/// the window, the longest report text, and the deadline for deciding an appeal.
/// </summary>
public sealed record LabelParameters
{
    public static LabelParameters Defaults { get; } = new();

    public int Reporters { get; init; } = 10;

    public TimeSpan Window { get; init; } = TimeSpan.FromDays(30);

    public int MaxTextLength { get; init; } = 500;

    public TimeSpan AppealDeadline { get; init; } = TimeSpan.FromDays(7);

    /// <summary>False only in the appeals mutant (reference/README.md, mutants): appeals are decided but labels stay.</summary>
    public bool AppealsClearLabels { get; init; } = true;

    /// <summary>
    /// True only in the reissue-on-word mutant (reference/README.md, mutants): a reissued-number appeal against a label
    /// that is not fraud is cleared with no allocation record behind it, on the appellant's word.
    /// </summary>
    public bool ReissueOnWord { get; init; }

    /// <summary>What is wrong with these values, or null when they are usable.</summary>
    public string? Problem() =>
        Reporters < 1 ? "Reporters must be 1 or more"
        : Window <= TimeSpan.Zero ? "Window must be positive"
        : MaxTextLength < 1 ? "MaxTextLength must be 1 or more"
        : AppealDeadline <= TimeSpan.Zero ? "AppealDeadline must be positive"
        : null;
}
