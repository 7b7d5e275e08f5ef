using Labelling;
using Microsoft.Extensions.Localization;
using Reference.Portal.Resources;

namespace Reference.Portal;

/// <summary>Label categories and sources in the visitor's language: Chinese names are the node's own, the English ones are resources.</summary>
public static class PortalCategories
{
    public static string Name(this IStringLocalizer<PortalText> text, LabelCategory category) => text["Category." + category.Code()];

    public static string Name(this IStringLocalizer<PortalText> text, LabelSource source) => text["Source." + source.Code()];

    /// <summary>The categories a member of the public may report: all but the benign ones an enterprise declares.</summary>
    public static IEnumerable<LabelCategory> Reportable => LabelCategories.All.Where(c => !c.IsBenign());
}
