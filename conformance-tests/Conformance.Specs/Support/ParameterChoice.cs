using Conformance.Harness.Targets;

namespace Conformance.Specs.Support;

/// <summary>Rule parameters that differ in every field from two others (those in force and the defaults), and are all possible.</summary>
public static class ParameterChoice
{
    private static readonly string[] Hours = ["07:30-21:30", "09:30-19:30", "10:00-18:00"];

    public static RuleParameters Different(RuleParameters inForce, RuleParameters defaults)
    {
        int Next(int from, int now, int standard)
        {
            var value = from;
            while (value == now || value == standard)
            {
                value++;
            }

            return value;
        }

        // The bombing limit is kept small, so that showing the rule follows it costs few calls; any value other than
        // the one in force changes the fate of some call (the one past the smaller of the two limits).
        var shortLimit = Next(inForce.MarketingShortLimit + 1, inForce.MarketingShortLimit, defaults.MarketingShortLimit);
        return new RuleParameters
        {
            OneRingCallees = Next(inForce.OneRingCallees + 1, inForce.OneRingCallees, defaults.OneRingCallees),
            OneRingSeconds = Next(inForce.OneRingSeconds + 1, inForce.OneRingSeconds, defaults.OneRingSeconds),
            OneRingWindowMinutes = Next(inForce.OneRingWindowMinutes + 1, inForce.OneRingWindowMinutes, defaults.OneRingWindowMinutes),
            OneRingMaxAnswers = Next(inForce.OneRingMaxAnswers + 1, inForce.OneRingMaxAnswers, defaults.OneRingMaxAnswers),
            BombingLimit = Next(2, inForce.BombingLimit, defaults.BombingLimit),
            BombingWindowSeconds = Next(inForce.BombingWindowSeconds + 1, inForce.BombingWindowSeconds, defaults.BombingWindowSeconds),
            MarketingShortLimit = shortLimit,
            MarketingShortWindowMinutes = Next(inForce.MarketingShortWindowMinutes + 1, inForce.MarketingShortWindowMinutes, defaults.MarketingShortWindowMinutes),
            MarketingDailyLimit = Next(Math.Max(shortLimit, inForce.MarketingDailyLimit + 1), inForce.MarketingDailyLimit, defaults.MarketingDailyLimit),
            ConsentRetentionDays = Next(inForce.ConsentRetentionDays + 1, inForce.ConsentRetentionDays, defaults.ConsentRetentionDays),
            CallingHours = Hours.First(h => h != inForce.CallingHours && h != defaults.CallingHours),
        };
    }
}
