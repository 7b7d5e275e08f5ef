namespace Screening;

/// <summary>Where a call entered the network; it decides which rules apply.</summary>
public enum Realm
{
    /// <summary>Enterprise trunks and call centres.</summary>
    Access,

    /// <summary>Other domestic carriers.</summary>
    Interconnect,

    /// <summary>The international gateway.</summary>
    International,
}
