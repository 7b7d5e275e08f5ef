using Conformance.Harness.Targets;

namespace Conformance.Harness.Adapters;

public static class AdapterFactory
{
    public static ISutAdapter Create(TargetFile target, WarningPeers? warningPeers = null) => target.Adapter switch
    {
        TargetFile.ReferenceAdapter => new ReferenceAdapter(target.SignallingProfile, target.DisabledRules, target.Parameters, warningPeers, target.Faults),
        TargetFile.TargetFileAdapter => new TargetFileAdapter(target),
        TargetFile.GenericAdapter => new GenericAdapter(target),
        _ when target.AdapterAssembly is { } assembly => CustomAdapterLoader.Create(assembly, target),
        _ => throw new TargetFileException($"{target.SourcePath}: $.adapter \"{target.Adapter}\" is not known; expected reference, target-file, generic or the path of a custom adapter .dll."),
    };
}
