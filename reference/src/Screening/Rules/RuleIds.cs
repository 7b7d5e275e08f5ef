namespace Screening.Rules;

/// <summary>Every rule's stable id: used in configuration (to switch a rule off for a mutant run), records and the Warning header.</summary>
public static class RuleIds
{
    public const string CallerAuthentication = "caller-authentication";
    public const string InternationalDomesticNumber = InternationalDomesticNumberRule.RuleId;
    public const string NonStandardNumber = "non-standard-number";
    public const string DoNotOriginate = "do-not-originate";
    public const string CallCentreInboundOnly = "call-centre-inbound-only";
    public const string OneRing = "one-ring";
    public const string Bombing = "bombing";
    public const string MarketingRefusal = "marketing-refusal";
    public const string MarketingConsent = "marketing-consent";
    public const string ConsentRetention = "consent-retention";
    public const string MarketingHours = "marketing-hours";
    public const string MarketingFrequency = "marketing-frequency";
}
