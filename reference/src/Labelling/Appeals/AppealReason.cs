namespace Labelling.Appeals;

/// <summary>Why the holder appeals; codes "reissued", "different-holder", "other" on the wire.</summary>
public enum AppealReason
{
    /// <summary>The number was reissued (二次放号) to the appellant after the labelled use.</summary>
    Reissued,

    /// <summary>The label names a holder that is not the appellant.</summary>
    DifferentHolder,

    Other,
}
