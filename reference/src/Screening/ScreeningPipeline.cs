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

    /// <summary>The standard rule set, minus rules switched off by id (used only to prove the suite catches their absence).</summary>
    public static ScreeningPipeline CreateDefault(IEnumerable<string>? disabledRuleIds = null)
    {
        var disabled = new HashSet<string>(disabledRuleIds ?? [], StringComparer.OrdinalIgnoreCase);
        IScreeningRule[] all = [new Rules.InternationalDomesticNumberRule()];
        var unknown = disabled.Except(all.Select(r => r.Id), StringComparer.OrdinalIgnoreCase).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException(
                $"Unknown rule id(s) to disable: {string.Join(", ", unknown)}. Known: {string.Join(", ", all.Select(r => r.Id))}.",
                nameof(disabledRuleIds));
        }

        return new ScreeningPipeline(all.Where(r => !disabled.Contains(r.Id)));
    }
}
