using Microsoft.Extensions.Localization;
using Reference.Portal.Resources;
using Screening.Numbering;

namespace Reference.Portal;

/// <summary>Reads a phone number typed into a form as the API does (national plan, subscriber numbers only), with the messages in the visitor's language.</summary>
public static class PortalNumbers
{
    public const int LongestTyped = 32;

    public static string? Read(FormErrors errors, IStringLocalizer<PortalText> text, string field, string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            errors.Add(field, text["Errors.NumberRequired"]);
            return null;
        }

        var trimmed = typed.Trim();
        if (trimmed.Length <= LongestTyped && NumberingPlan.Check(trimmed) is { Kind: NumberKind.Mobile or NumberKind.FixedLine or NumberKind.Service } check)
        {
            return check.National;
        }

        errors.Add(field, text["Errors.NumberInvalid"]);
        return null;
    }
}
