using System.Globalization;
using System.Net;
using System.Text;

namespace Conformance.Reporting.Site;

/// <summary>What every page of the site shares: its head (phone-width viewport, the stylesheet), escaping and the system's facts.</summary>
internal static class SiteHtml
{
    public static readonly UTF8Encoding Utf8 = new(false);

    public static StringBuilder Page(string title, string root) => new StringBuilder()
        .Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .Append(CultureInfo.InvariantCulture, $"<title>{E(title)}</title>\n<link rel=\"stylesheet\" href=\"{root}site.css\">\n</head>\n<body>\n");

    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>Every bundle on the site passed verification; what the signature is worth depends on the key.</summary>
    public static string Signature(SiteSystem system) => system.Manifest.Signer.Ephemeral
        ? $"signature verified; ephemeral key {system.Manifest.Signer.KeyId} made by the run (intact, not attributable)"
        : $"signature verified; signed by key {system.Manifest.Signer.KeyId}";

    public static string Totals(SiteSystem system) => string.Join(" · ",
        system.Report.Summary.ByVerdict.Where(v => v.Value > 0).Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Key} {v.Value}")));

    public static string RequirementFile(string id) => $"requirements/{Slug(id)}.html";

    public static string Slug(string text)
    {
        var slug = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            slug.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        var collapsed = System.Text.RegularExpressions.Regex.Replace(slug.ToString(), "-+", "-").Trim('-');
        return collapsed.Length == 0 ? "system" : collapsed;
    }
}
