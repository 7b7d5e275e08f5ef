namespace Screening;

/// <summary>
/// Runs the rules in order; the first interception wins. Calls to emergency numbers are admitted
/// before any rule runs, so no rule, however configured, can block them.
/// </summary>
public sealed class ScreeningPipeline(IEnumerable<IScreeningRule> rules)
{
    public const string EmergencyBypassId = "emergency-bypass";

    private readonly IScreeningRule[] _rules = rules.ToArray();

    public IReadOnlyList<IScreeningRule> Rules => _rules;

    public ScreeningDecision Screen(CallAttempt call)
    {
        if (Numbering.EmergencyNumbers.IsEmergency(call.CalledNumber))
        {
            return new ScreeningDecision(ScreeningAction.Forward, "emergency", EmergencyBypassId, "emergency numbers are never blocked");
        }

        foreach (var rule in _rules)
        {
            if (rule.Evaluate(call) is { } decision)
            {
                return decision;
            }
        }

        return ScreeningDecision.Forward;
    }

    /// <summary>The standard rule set over nothing provisioned, with default parameters.</summary>
    public static ScreeningPipeline CreateDefault(IEnumerable<string>? disabledRuleIds = null) =>
        CreateDefault(Directory.EmptyDirectory.Instance, ScreeningParameters.Defaults, disabledRuleIds);

    /// <summary>
    /// The standard rule set, in order, minus rules switched off by id (used only to prove the suite catches their
    /// absence). Rules that watch calls (rate rules) are also <see cref="ICallObserver"/>s: register them as such.
    /// </summary>
    public static ScreeningPipeline CreateDefault(Directory.IScreeningDirectory directory, ScreeningParameters parameters, IEnumerable<string>? disabledRuleIds = null)
    {
        if (parameters.Problem() is { } problem)
        {
            throw new ArgumentException($"Screening parameters are unusable: {problem}.", nameof(parameters));
        }

        var disabled = new HashSet<string>(disabledRuleIds ?? [], StringComparer.OrdinalIgnoreCase);
        IScreeningRule[] all =
        [
            new Rules.CallerAuthenticationRule(directory),
            new Rules.InternationalDomesticNumberRule(directory),
            new Rules.NonStandardNumberRule(),
            new Rules.DoNotOriginateRule(directory),
            new Rules.CallCentreInboundOnlyRule(directory),
            new Rules.OneRingRule(parameters),
            new Rules.BombingRule(parameters),
            new Rules.MarketingRefusalRule(directory),
            new Rules.MarketingConsentRule(directory),
            new Rules.MarketingHoursRule(directory, parameters),
            new Rules.MarketingFrequencyRule(directory, parameters),
        ];
        var unknown = disabled.Except(all.Select(r => r.Id), StringComparer.OrdinalIgnoreCase).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException(
                $"Unknown rule id(s) to disable: {string.Join(", ", unknown)}. Known: {string.Join(", ", all.Select(r => r.Id))}.",
                nameof(disabledRuleIds));
        }

        return new ScreeningPipeline(all.Where(r => !disabled.Contains(r.Id)));
    }

    /// <summary>The rules that follow calls after screening (counters of the rate rules).</summary>
    public IEnumerable<ICallObserver> Observers => _rules.OfType<ICallObserver>();
}
