using System.Text.Json.Nodes;

namespace Conformance.Cli;

/// <summary>One mutant of the reference: rule switches of the node and faults of the proxy in front of it, and the requirements it must fail.</summary>
public sealed record Mutant(string Name, string What, IReadOnlyList<string> DisabledRules, IReadOnlyList<string> Faults, string? SignallingProfile, JsonObject? Parameters, IReadOnlyList<string> Fails, IReadOnlyList<string> Pending)
{
    /// <summary>Every requirement the run covers: those it must fail and those it should fail once their checks can.</summary>
    public IReadOnlyList<string> Targeted => [.. Fails.Concat(Pending).Distinct(StringComparer.Ordinal)];

    /// <summary>The target file that runs the embedded reference as this mutant.</summary>
    public JsonObject TargetFile()
    {
        var reference = new JsonObject
        {
            ["disabledRules"] = new JsonArray([.. DisabledRules.Select(r => JsonValue.Create(r))]),
            ["faults"] = new JsonArray([.. Faults.Select(f => JsonValue.Create(f))]),
        };
        var target = new JsonObject
        {
            ["description"] = $"Reference mutant {Name}: {What}",
            ["adapter"] = "reference",
            ["reference"] = reference,
            // Mutant runs go two at a time on shared machines: a slow answer must not pass for a missing one.
            ["timeouts"] = new JsonObject { ["responseMs"] = 5000 },
        };
        if (SignallingProfile is not null)
        {
            target["signallingProfile"] = SignallingProfile;
        }

        if (Parameters is not null)
        {
            target["parameters"] = Parameters.DeepClone();
        }

        return target;
    }
}
