using Conformance.Harness.Targets;

namespace Conformance.Harness.Adapters;

public static class AdapterFactory
{
    public static ISutAdapter Create(TargetFile target, WarningPeers? warningPeers = null) => target.Adapter switch
    {
        TargetFile.ReferenceAdapter => CustomAdapterLoader.Create(EmbeddedReferenceAdapter.AdapterType(target), target, warningPeers),
        TargetFile.TargetFileAdapter or TargetFile.GenericAdapter => new ExternalSystemAdapter(target),
        _ when target.AdapterAssembly is { } assembly => CustomAdapterLoader.Create(assembly, target, warningPeers),
        _ => throw new TargetFileException($"{target.SourcePath}: $.adapter \"{target.Adapter}\" is not known; expected reference, target-file, generic or the path of a custom adapter .dll."),
    };
}
