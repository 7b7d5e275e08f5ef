namespace Labelling;

/// <summary>Where a label comes from; codes "reports", "carrier-analytics", "enterprise-declaration" on the wire.</summary>
public enum LabelSource
{
    Reports,
    CarrierAnalytics,
    EnterpriseDeclaration,
}
