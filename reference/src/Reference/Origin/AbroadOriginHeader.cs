using PhoneNumbers;
using Reference.LabelService;
using Screening;
using Sip;

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

    /// <summary>
    /// The region of an international number's country code ("+…" or "00…"), or ZZ; never throws on bad input. The
    /// feature names the region of the country code, not of the number: +1 is US whichever NANP country the number is
    /// in, +44 is GB. Country codes are a prefix code (ITU-T E.164), so the first one to three digits that name a code
    /// are the code; codes that name no region (+800, +882 …) and unassigned ones are ZZ.
    /// </summary>
    public static string RegionOf(string number)
    {
        var text = number.AsSpan().Trim();
        Span<char> digits = stackalloc char[MaxDigits];
        var count = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == MaxDigits)
                {
                    return Unknown;
                }

                digits[count++] = c;
            }
        }

        // "00" is the international prefix when no "+" is written; a country code never starts with 0.
        var significant = !text.StartsWith("+") && digits[..count].StartsWith("00") ? digits[2..count] : digits[..count];
        if (significant.StartsWith("0"))
        {
            return Unknown;
        }

        var util = PhoneNumberUtil.GetInstance();
        for (var length = 1; length <= 3 && length < significant.Length; length++)
        {
            var region = util.GetRegionCodeForCountryCode(int.Parse(significant[..length], provider: System.Globalization.CultureInfo.InvariantCulture));
            if (region != Unknown)
            {
                // A national number of at least two digits must follow, as for any dialable number.
                return significant.Length - length >= 2 && region.Length == 2 && char.IsAsciiLetter(region[0]) ? region : Unknown;
            }
        }

        return Unknown;
    }

    private const string Unknown = "ZZ";

    // E.164 numbers have at most 15 digits; "00" and a little slack for what a trunk may prefix.
    private const int MaxDigits = 20;
}
