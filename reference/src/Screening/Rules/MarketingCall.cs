using Screening.Directory;

namespace Screening.Rules;

/// <summary>Which calls are marketing calls: calls on an access trunk of an enterprise in a key marketing sector.</summary>
internal static class MarketingCall
{
    public static Trunk? MarketingTrunk(IScreeningDirectory directory, CallAttempt call) =>
        call.Realm == Realm.Access && directory.TrunkAt(call.Source) is { } trunk && Sectors.IsMarketing(trunk.Sector) ? trunk : null;
}
