using Screening;
using Sip;

namespace Reference.Signalling;

/// <summary>
/// What a caller may not say for itself at the network edge (INT-EDGE-001, -002): a Call-Info entry of purpose label
/// (a label is the network's word about the caller, LAB-SIG-001) and a P-Asserted-Identity (RFC 3325 §5: an identity
/// from outside the trust domain is removed). Applied to INVITEs from the access and international realms always,
/// and from the interconnect realm unless <c>Sip:TrustedRealms</c> names it; the screening reads the caller's
/// P-Asserted-Identity before it goes, so an asserted number is still screened (INT-INTL-002, AUTH-RNG-003).
/// </summary>
public sealed class EdgeHygiene(IReadOnlySet<Realm> trustedRealms, bool enabled = true)
{
    /// <summary>The mutant that lets every caller-supplied header through (<c>Screening:DisabledRules</c> ["edge-hygiene"]).</summary>
    public const string Mutant = "edge-hygiene";

    /// <summary>The realms whose peers may be trusted at all; access and international never are.</summary>
    public static readonly IReadOnlySet<Realm> Trustable = new HashSet<Realm> { Realm.Interconnect };

    private const string LabelPurpose = "label";

    public bool Enabled => enabled;

    /// <summary>Removes from an INVITE received in <paramref name="realm"/> what its caller may not assert; returns how many header values went.</summary>
    public int Clean(SipRequest invite, Realm realm)
    {
        if (!enabled || trustedRealms.Contains(realm))
        {
            return 0;
        }

        var removed = invite.Headers.Contains(HeaderNames.PAssertedIdentity) ? invite.Headers.RemoveAll(HeaderNames.PAssertedIdentity) : 0;
        if (!invite.Headers.Contains(HeaderNames.CallInfo))
        {
            return removed;
        }

        var entries = invite.Headers.All(HeaderNames.CallInfo).SelectMany(HeaderValueSplitter.SplitCommas).Select(e => e.Trim()).ToList();
        var kept = entries.Where(e => !IsLabel(e)).ToList();
        if (kept.Count == entries.Count)
        {
            return removed;
        }

        invite.Headers.RemoveAll(HeaderNames.CallInfo);
        foreach (var entry in kept)
        {
            invite.Headers.Add(HeaderNames.CallInfo, entry);
        }

        return removed + entries.Count - kept.Count;
    }

    /// <summary>Whether a Call-Info value (RFC 3261 §20.9: "&lt;" absoluteURI "&gt;" *( SEMI info-param )) has purpose=label.</summary>
    internal static bool IsLabel(string entry)
    {
        var close = entry.IndexOf('>', StringComparison.Ordinal);
        var parameters = close < 0 ? entry : entry[(close + 1)..];
        foreach (var parameter in parameters.Split(';'))
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && parameter[..equals].Trim().Equals("purpose", StringComparison.OrdinalIgnoreCase) &&
                parameter[(equals + 1)..].Trim().Trim('"').Equals(LabelPurpose, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
