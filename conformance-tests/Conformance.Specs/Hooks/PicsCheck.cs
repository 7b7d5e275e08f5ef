using Conformance.Harness.Targets;
using Conformance.Reporting;

namespace Conformance.Specs.Hooks;

/// <summary>
/// The PICS check of `conformance run`, on the `dotnet test` path too: an incomplete or inconsistent PICS (a code left
/// unanswered, an unknown code, or a capability declared present whose prerequisite is declared absent) stops the run
/// before any scenario.
/// </summary>
public static class PicsCheck
{
    public static string ProformaPath => Path.Combine(AppContext.BaseDirectory, "spec", "pics.yaml");

    public static void Refuse(TargetFile target)
    {
        if (!File.Exists(ProformaPath))
        {
            throw new InvalidOperationException($"The PICS proforma is missing at {ProformaPath}; rebuild the project that runs the suite (it copies spec/pics.yaml).");
        }

        var problems = PicsProforma.Load(ProformaPath).Problems(target.Pics, target.SourcePath);
        if (problems.Count > 0)
        {
            throw new TargetFileException(string.Join(Environment.NewLine, problems));
        }
    }
}
