using Conformance.SpecModel;

namespace Conformance.Harness.Targets;

/// <summary>
/// The reference implementation implements every capability of the proforma, so a target that runs it (the embedded
/// default, the mutants) need not list them: its unanswered codes are answered present. Every other system must answer
/// each code itself.
/// </summary>
public static class ReferencePics
{
    public static TargetFile Complete(TargetFile target, PicsProforma proforma)
    {
        if (target.Adapter != TargetFile.ReferenceAdapter)
        {
            return target;
        }

        var pics = new Dictionary<string, bool>(target.Pics, StringComparer.Ordinal);
        foreach (var capability in proforma.Capabilities)
        {
            pics.TryAdd(capability.Code, true);
        }

        return target with { Pics = pics };
    }
}
