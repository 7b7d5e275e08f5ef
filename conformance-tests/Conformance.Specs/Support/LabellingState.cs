using Conformance.Harness.Labelling;

namespace Conformance.Specs.Support;

/// <summary>What a labelling or warning scenario has done so far: the last API answer, the appeal filed, the reports made.</summary>
public sealed class LabellingState
{
    public ApiAnswer? LastAnswer { get; set; }

    public string? AppealId { get; set; }

    /// <summary>Distinct reporters who reported the scenario's number, and the category they named.</summary>
    public int Reporters { get; set; }

    public string Category { get; set; } = string.Empty;

    /// <summary>When the suite sent the INVITE whose warning is awaited: the flash delay is measured from here.</summary>
    public DateTimeOffset CallSentAt { get; set; }
}
