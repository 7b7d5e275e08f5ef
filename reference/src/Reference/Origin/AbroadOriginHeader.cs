using PhoneNumbers;
using Reference.Labelling;
using Screening;
using global::Sip;

namespace Reference.Origin;

/// <summary>
/// Warns the callee that a call comes from abroad, naming the region, in the form INT-INTL-006 specifies: an admitted
/// call from the international gateway whose calling number is foreign is forwarded with
/// <c>Call-Info: &lt;urn:origin:RR&gt;;purpose=origin;region=RR</c>, RR being the ISO 3166-1 region of the number's country
/// code (US, GB, HK …; ZZ when the number names none). Domestic numbers (roaming subscribers) are not marked.
/// </summary>
public sealed class AbroadOriginHeader : IForwardDecorator
{
    public const string Purpose = "origin";

    public void Decorate(CallAttempt call, SipRequest invite)
    {
        if (call.Realm != Realm.International || call.Caller.IsDomestic)
        {
            return;
        }

        var region = RegionOf(call.AssertedNumber ?? call.PresentedNumber);
        invite.Headers.Add(HeaderNames.CallInfo, $"<urn:origin:{region}>;purpose={Purpose};region={region}");
    }

    /// <summary>The region of an international number ("+…" or "00…"), or ZZ; never throws on bad input.</summary>
    public static string RegionOf(string number)
    {
        var digits = new string(number.Where(char.IsAsciiDigit).ToArray());
        if (number.TrimStart().StartsWith("00", StringComparison.Ordinal) || (!number.TrimStart().StartsWith('+') && digits.StartsWith("00", StringComparison.Ordinal)))
        {
            digits = digits[2..];
        }

        try
        {
            var util = PhoneNumberUtil.GetInstance();
            var parsed = util.Parse("+" + digits, "ZZ");
            return util.GetRegionCodeForNumber(parsed) ?? util.GetRegionCodeForCountryCode(parsed.CountryCode) ?? "ZZ";
        }
        catch (NumberParseException)
        {
            return "ZZ";
        }
    }
}
