using Conformance.Reporting.Bundle;

namespace Conformance.Reporting.Site;

/// <summary>One verified bundle as the site shows it: its folder name under systems/ and what it says.</summary>
public sealed record SiteSystem(string Slug, string Name, string BundleDirectory, ConformanceReport Report, BundleManifest Manifest);
