namespace Screening;

/// <summary>
/// Runs the rules in order; the first interception wins. Calls to emergency numbers are admitted
/// before any rule runs, so no rule, however configured, can block them.
/// The pipeline is also the one <see cref="ICallObserver"/> a host registers: it passes each event to the rules
/// that watch calls, so that <see cref="Reconfigure"/> can swap the whole rule set at once.
/// </summary>
public sealed class ScreeningPipeline : ICallObserver
{
    public const string EmergencyBypassId = "emergency-bypass";

    private readonly Func<ScreeningParameters, IScreeningRule[]>? _build;
    private readonly ISet<string> _mutants = new HashSet<string>();
    private Func<IScreeningRule, IScreeningRule> _decorate = rule => rule;
    private volatile RuleSet _current;

    public ScreeningPipeline(IEnumerable<IScreeningRule> rules)
    {
        _current = new RuleSet(rules.ToArray(), ScreeningParameters.Defaults, _decorate);
    }

    private ScreeningPipeline(Func<ScreeningParameters, IScreeningRule[]> build, ScreeningParameters parameters, ISet<string> mutants)
    {
        _build = build;
        _mutants = mutants;
        _current = new RuleSet(build(parameters), parameters, _decorate);
    }

    public IReadOnlyList<IScreeningRule> Rules => _current.Rules;

    /// <summary>The thresholds, windows and hours the rules run with now.</summary>
    public ScreeningParameters Parameters => _current.Parameters;

    public ScreeningDecision Screen(CallAttempt call)
    {
        if (Bypassed(call))
        {
            return new ScreeningDecision(ScreeningAction.Forward, "emergency", EmergencyBypassId, "emergency numbers are never blocked");
        }

        foreach (var rule in _current.Evaluated)
        {
            if (rule.Evaluate(call) is { } decision)
            {
                return _mutants.Count == 0 ? decision
                    : _mutants.Contains(RuleMutants.NetworkSignalling) ? decision with { CalleeRefusal = true }
                    : _mutants.Contains(RuleMutants.RefusalSignalling) ? decision with { CalleeRefusal = false }
                    : decision;
            }
        }

        return ScreeningDecision.Forward;
    }

    /// <summary>
    /// Runs the rules with new parameters from now on, or changes nothing and returns the problem ("field: what is
    /// wrong"). All rules switch at once; the rate rules start counting afresh under their new windows.
    /// </summary>
    public string? Reconfigure(ScreeningParameters parameters)
    {
        if (parameters.Problem() is { } problem)
        {
            return problem;
        }

        if (_build is null)
        {
            throw new InvalidOperationException("This pipeline was built from a fixed list of rules; build it with CreateDefault to reconfigure it.");
        }

        _current = new RuleSet(_build(parameters), parameters, _decorate);
        return null;
    }

    /// <summary>
    /// Wraps rules for evaluation, now and after every <see cref="Reconfigure"/> (a host's policy around a rule, such
    /// as a callee's preference). The rules themselves still receive the call events, so their counters keep counting.
    /// </summary>
    public void Decorate(Func<IScreeningRule, IScreeningRule> wrap)
    {
        _decorate = wrap;
        _current = new RuleSet(_current.Rules, _current.Parameters, wrap);
    }

    /// <summary>The standard rule set over nothing provisioned, with default parameters.</summary>
    public static ScreeningPipeline CreateDefault(IEnumerable<string>? disabledRuleIds = null) =>
        CreateDefault(Directory.EmptyDirectory.Instance, ScreeningParameters.Defaults, disabledRuleIds);

    /// <summary>
    /// The standard rule set, in order, minus rules switched off by id (used only to prove the suite catches their
    /// absence). Register the pipeline itself as the <see cref="ICallObserver"/>: it feeds the rate rules' counters.
    /// </summary>
    /// <param name="windows">Where the rate rules count: this process's memory when null, or a store several nodes share.</param>
    public static ScreeningPipeline CreateDefault(Directory.IScreeningDirectory directory, ScreeningParameters parameters, IEnumerable<string>? disabledRuleIds = null, Counters.IEventWindows? windows = null)
    {
        if (parameters.Problem() is { } problem)
        {
            throw new ArgumentException($"Screening parameters are unusable: {problem}.", nameof(parameters));
        }

        var disabled = new HashSet<string>(disabledRuleIds ?? [], StringComparer.OrdinalIgnoreCase);
        var mutants = new HashSet<string>(disabled.Intersect(RuleMutants.All, StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
        var known = All(directory, parameters, mutants, Counters.InProcessEventWindows.Instance).Select(r => r.Id).Concat(RuleMutants.All).ToArray();
        var unknown = disabled.Except(known, StringComparer.OrdinalIgnoreCase).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException(
                $"Unknown rule id(s) to disable: {string.Join(", ", unknown)}. Known: {string.Join(", ", known)}.",
                nameof(disabledRuleIds));
        }

        return new ScreeningPipeline(p => All(directory, p, mutants, windows).Where(r => !disabled.Contains(r.Id)).ToArray(), parameters, mutants);
    }

    /// <summary>The rules that follow calls after screening (counters of the rate rules).</summary>
    public IEnumerable<ICallObserver> Observers => _current.Observers;

    public void OnScreened(CallAttempt call, ScreeningDecision decision)
    {
        if (Bypassed(call))
        {
            return;
        }

        foreach (var observer in _current.Observers)
        {
            observer.OnScreened(call, decision);
        }
    }

    public void OnAlerting(CallAttempt call, DateTimeOffset at)
    {
        if (Bypassed(call))
        {
            return;
        }

        foreach (var observer in _current.Observers)
        {
            observer.OnAlerting(call, at);
        }
    }

    public void OnAnswered(CallAttempt call, DateTimeOffset at)
    {
        if (Bypassed(call))
        {
            return;
        }

        foreach (var observer in _current.Observers)
        {
            observer.OnAnswered(call, at);
        }
    }

    public void OnEnded(CallAttempt call, CallEnd end, DateTimeOffset at)
    {
        if (Bypassed(call))
        {
            return;
        }

        foreach (var observer in _current.Observers)
        {
            observer.OnEnded(call, end, at);
        }
    }

    private static IScreeningRule[] All(Directory.IScreeningDirectory directory, ScreeningParameters parameters, ISet<string> mutants, Counters.IEventWindows? windows) =>
    [
        new Rules.CallerAuthenticationRule(directory),
        new Rules.InternationalDomesticNumberRule(directory, mutants),
        new Rules.NonStandardNumberRule(mutants.Contains(RuleMutants.ServiceNumbers)),
        new Rules.DoNotOriginateRule(directory),
        new Rules.CallCentreInboundOnlyRule(directory),
        new Rules.OneRingRule(parameters, mutants, windows),
        new Rules.BombingRule(parameters, mutants, windows),
        new Rules.MarketingRefusalRule(directory),
        new Rules.MarketingConsentRule(directory, mutants),
        new Rules.ConsentRetentionRule(directory),
        new Rules.MarketingHoursRule(directory, parameters),
        new Rules.MarketingFrequencyRule(directory, parameters, windows),
    ];

    /// <summary>
    /// Emergency calls are admitted before any rule and never reach the rate rules' counters either: counters shared
    /// across nodes may be slow or unreachable, and an emergency call must depend on neither.
    /// </summary>
    private bool Bypassed(CallAttempt call) =>
        Numbering.EmergencyNumbers.IsEmergency(call.CalledNumber) && !_mutants.Contains(RuleMutants.EmergencyBypass);

    /// <summary>Rules and the parameters they were built with, swapped as one reference.</summary>
    private sealed class RuleSet(IScreeningRule[] rules, ScreeningParameters parameters, Func<IScreeningRule, IScreeningRule> decorate)
    {
        public IScreeningRule[] Rules { get; } = rules;

        public IScreeningRule[] Evaluated { get; } = rules.Select(decorate).ToArray();

        public ICallObserver[] Observers { get; } = rules.OfType<ICallObserver>().ToArray();

        public ScreeningParameters Parameters { get; } = parameters;
    }
}
