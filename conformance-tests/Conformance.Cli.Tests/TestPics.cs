using Conformance.Reporting;
using Conformance.SpecModel;

namespace Conformance.Cli.Tests;

/// <summary>Complete PICS for test target files: a run refuses a proforma with unanswered codes.</summary>
public static class TestPics
{
    private static readonly Lazy<PicsProforma> Proforma = new(() => PicsProforma.Load(FindProforma()));

    /// <summary>The codes given keep their answers; every other code of spec/pics.yaml is answered <paramref name="others"/>.</summary>
    public static Dictionary<string, bool> Complete(IReadOnlyDictionary<string, bool> declared, bool others)
    {
        var pics = new Dictionary<string, bool>(declared, StringComparer.Ordinal);
        foreach (var capability in Proforma.Value.Capabilities)
        {
            pics.TryAdd(capability.Code, others);
        }

        return pics;
    }

    /// <summary>Every code answered the same.</summary>
    public static Dictionary<string, bool> All(bool present) => Complete(new Dictionary<string, bool>(), present);

    private static string FindProforma()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "spec", "pics.yaml");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException("spec/pics.yaml was found in no folder above the test assembly.");
    }
}
