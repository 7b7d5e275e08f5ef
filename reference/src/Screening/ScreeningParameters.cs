namespace Screening;

/// <summary>
/// The thresholds, windows and hours no national text fixes (REQUIREMENTS: "default" values); a lab sets its own.
/// </summary>
public sealed record ScreeningParameters
{
    /// <summary>A ring cancelled within this time of the first 180/183 is a "one ring".</summary>
    public TimeSpan OneRingTime { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Distinct callees rung once within <see cref="OneRingWindow"/> that flag the caller.</summary>
    public int OneRingCallees { get; init; } = 20;

    public TimeSpan OneRingWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>"Almost no answers": a caller with more answered calls than this in the window is not flagged.</summary>
    public int OneRingMaxAnswers { get; init; } = 1;

    /// <summary>How long a flagged one-ring caller stays flagged.</summary>
    public TimeSpan OneRingFlagDuration { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Calls from one caller to one callee admitted within <see cref="BombingWindow"/>; the next is intercepted.</summary>
    public int BombingLimit { get; init; } = 10;

    public TimeSpan BombingWindow { get; init; } = TimeSpan.FromMinutes(1);

    public int MarketingShortLimit { get; init; } = 3;

    public TimeSpan MarketingShortWindow { get; init; } = TimeSpan.FromMinutes(5);

    public int MarketingDailyLimit { get; init; } = 5;

    public TimeSpan MarketingDailyWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Marketing calls are allowed from this time of day (inclusive) in <see cref="CallingHoursOffset"/>.</summary>
    public TimeSpan CallingHoursStart { get; init; } = TimeSpan.FromHours(8);

    /// <summary>… until this time of day (exclusive).</summary>
    public TimeSpan CallingHoursEnd { get; init; } = TimeSpan.FromHours(21);

    /// <summary>
    /// How long a recorded consent's evidence is kept (default five months, 153 days); past it the consent has lapsed
    /// and marketing calls need consent again.
    /// </summary>
    public TimeSpan ConsentRetention { get; init; } = TimeSpan.FromDays(153);

    /// <summary>Beijing time, UTC+8.</summary>
    public TimeSpan CallingHoursOffset { get; init; } = TimeSpan.FromHours(8);

    public static ScreeningParameters Defaults { get; } = new();

    /// <summary>The first problem that makes these parameters unusable, as "field: what is wrong", or null.</summary>
    public string? Problem()
    {
        if (OneRingTime <= TimeSpan.Zero) return "oneRing.ringSeconds: must be more than 0";
        if (OneRingCallees < 1) return "oneRing.callees: must be at least 1";
        if (OneRingWindow <= TimeSpan.Zero) return "oneRing.windowMinutes: must be more than 0";
        if (OneRingMaxAnswers < 0) return "oneRing.maxAnswers: must be 0 or more";
        if (BombingLimit < 1) return "bombing.limit: must be at least 1";
        if (BombingWindow <= TimeSpan.Zero) return "bombing.windowSeconds: must be more than 0";
        if (MarketingShortLimit < 1) return "marketing.shortLimit: must be at least 1";
        if (MarketingDailyLimit < MarketingShortLimit) return "marketing.dailyLimit: must be at least marketing.shortLimit";
        if (OneRingFlagDuration <= TimeSpan.Zero) return "oneRing.flagHours: must be more than 0";
        if (MarketingDailyWindow <= TimeSpan.Zero) return "marketing.dailyWindowMinutes: must be more than 0";
        if (ConsentRetention <= TimeSpan.Zero) return "marketing.consentRetentionDays: must be more than 0";
        if (MarketingShortWindow <= TimeSpan.Zero || MarketingShortWindow > MarketingDailyWindow) return "marketing.shortWindowMinutes: must be more than 0 and no longer than the daily window";
        if (CallingHoursStart < TimeSpan.Zero || CallingHoursEnd > TimeSpan.FromHours(24) || CallingHoursStart >= CallingHoursEnd)
        {
            return "marketing.callingHours: the start must come before the end, both within one day (such as 08:00-21:00)";
        }

        return null;
    }
}
