using Screening.Directory;

namespace Screening.Rules;

/// <summary>Marketing calls only within calling hours (default 08:00–21:00 Beijing time, start inclusive, end exclusive).</summary>
public sealed class MarketingHoursRule(IScreeningDirectory directory, ScreeningParameters parameters) : IScreeningRule
{
    public string Id => RuleIds.MarketingHours;

    public ScreeningDecision? Evaluate(CallAttempt call)
    {
        if (MarketingCall.MarketingTrunk(directory, call) is null)
        {
            return null;
        }

        var local = call.At.ToOffset(parameters.CallingHoursOffset).TimeOfDay;
        return local >= parameters.CallingHoursStart && local < parameters.CallingHoursEnd
            ? null
            : ScreeningDecision.Intercept(Id, "outside-calling-hours", $"marketing call at {local:hh\\:mm\\:ss} local time, outside calling hours");
    }
}
