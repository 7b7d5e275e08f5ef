namespace Labelling;

public static class LabelSources
{
    public static string Code(this LabelSource source) => source switch
    {
        LabelSource.Reports => "reports",
        LabelSource.CarrierAnalytics => "carrier-analytics",
        LabelSource.EnterpriseDeclaration => "enterprise-declaration",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "not a label source"),
    };
}
