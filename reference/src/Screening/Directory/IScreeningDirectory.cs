namespace Screening.Directory;

/// <summary>
/// What the rules need to know of provisioned data. Numbers are in national form (see
/// <see cref="Numbering.NumberCheck.National"/>). Implementations must answer from memory: every call asks.
/// </summary>
public interface IScreeningDirectory
{
    /// <summary>The access trunk whose source address is <paramref name="source"/> ("ip:port"), or null.</summary>
    Trunk? TrunkAt(string source);

    /// <summary>The allocated range holding the number, or null when no enterprise holds it.</summary>
    AllocatedRange? RangeOf(string national);

    /// <summary>True when the domestic mobile subscriber is known to be roaming abroad.</summary>
    bool IsRoaming(string national);

    /// <summary>True when the number may never originate a call (inbound-only service numbers, unassigned blocks).</summary>
    bool IsDoNotOriginate(string national);

    bool HasConsent(string enterpriseId, string callee);

    /// <summary>
    /// Consent that still counts at <paramref name="at"/>: consent whose evidence is no longer kept (default five
    /// months after it was recorded) has lapsed. Directories that keep no expiry answer as <see cref="HasConsent(string, string)"/>.
    /// </summary>
    bool HasConsent(string enterpriseId, string callee, DateTimeOffset at) => HasConsent(enterpriseId, callee);

    /// <summary>True when the callee refused the enterprise's calls, or refused all marketing calls.</summary>
    bool IsRefused(string enterpriseId, string callee);
}
