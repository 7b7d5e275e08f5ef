using System.Diagnostics;
using Conformance.Reporting.Bundle;
using Conformance.Reporting.Site;

namespace Conformance.Cli;

/// <summary>
/// `conformance publish BUNDLE... --out SITE`: verify each bundle, build the site from the intact ones, and name the
/// refused ones with why; exit 0 when every bundle went in, 1 when any was refused.
/// </summary>
public static class PublishCommand
{
    public static int Execute(IReadOnlyList<DirectoryInfo> bundles, DirectoryInfo site, FileInfo? trustedKey, TextWriter console)
    {
        if (bundles.Count == 0)
        {
            throw new ConfigurationException("publish needs at least one bundle folder: conformance publish results/RUN1 results/RUN2 --out site");
        }

        var clock = Stopwatch.StartNew();
        var key = VerifyCommand.TrustedKey(trustedKey);
        var verified = bundles.AsParallel().AsOrdered().Select(b => BundleVerifier.Verify(b.FullName, key)).ToList();
        var refused = verified.Where(v => !v.Intact).ToList();
        foreach (var bundle in refused)
        {
            VerifyCommand.Print(bundle, console);
        }

        var intact = verified.Where(v => v.Intact).ToList();
        if (intact.Count == 0)
        {
            console.WriteLine("No bundle was intact: the site was not written.");
            return ExitCodes.MustFailed;
        }

        var systems = SiteGenerator.Generate(intact, site.FullName, refused);
        console.WriteLine($"site: {Path.Combine(site.FullName, "index.html")} ({systems.Count} systems; {refused.Count} bundles refused; {clock.Elapsed.TotalSeconds:0.00} s)");
        return refused.Count == 0 ? ExitCodes.Conforming : ExitCodes.MustFailed;
    }
}
