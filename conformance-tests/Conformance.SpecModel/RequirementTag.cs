using System.Text.RegularExpressions;

namespace Conformance.SpecModel;

/// <summary>Tag conventions: requirement ids (INT-INTL-001) and capability tags (pics:INT-INTL).</summary>
public static partial class RequirementTag
{
    public const string PicsPrefix = "pics:";

    public static bool IsRequirementId(string tag) => IdPattern().IsMatch(tag);

    public static string? PicsCode(string tag) =>
        tag.StartsWith(PicsPrefix, StringComparison.Ordinal) ? tag[PicsPrefix.Length..] : null;

    [GeneratedRegex("^[A-Z]{2,5}-[A-Z0-9]{2,8}-[0-9]{3}$")]
    private static partial Regex IdPattern();
}
