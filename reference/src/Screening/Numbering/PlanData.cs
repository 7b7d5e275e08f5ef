using PhoneNumbers;

namespace Screening.Numbering;

/// <summary>
/// The allocated mobile prefixes and fixed-line area codes, read once from libphonenumber's metadata for CN
/// so that each check at run time is a table look-up, plus our own data where that metadata says too little:
/// mobile prefixes reserved for data-only (IoT) service, which may not present a calling number.
/// </summary>
internal static class PlanData
{
    /// <summary>Data-only and unassigned mobile blocks (MIIT numbering plan); these never carry voice calls.</summary>
    private static readonly string[] NoVoiceMobilePrefixes = ["140", "141", "142", "143", "144", "146", "148", "154"];

    private static readonly Lazy<Tables> Loaded = new(Load);

    /// <summary>Allocated 4-digit mobile prefixes, indexed by prefix − 1000.</summary>
    public static bool IsAllocatedMobilePrefix(int fourDigits) =>
        fourDigits is >= 1000 and <= 1999 && Loaded.Value.Mobile[fourDigits - 1000];

    /// <summary>Subscriber lengths (bit 7 → 7 digits, bit 8 → 8 digits) of an area code, 0 when the area code is unallocated.</summary>
    public static int SubscriberLengths(int areaCode) =>
        areaCode is > 0 and < 1000 ? Loaded.Value.AreaLengths[areaCode] : 0;

    private static Tables Load()
    {
        var util = PhoneNumberUtil.GetInstance();
        var mobile = new bool[1000];
        for (var prefix = 1300; prefix <= 1999; prefix++)
        {
            var text = prefix.ToString(System.Globalization.CultureInfo.InvariantCulture);
            mobile[prefix - 1000] = !NoVoiceMobilePrefixes.Any(text.StartsWith) && IsValid(util, text + "5678901", PhoneNumberType.MOBILE);
        }

        var lengths = new int[1000];
        for (var area = 10; area < 1000; area++)
        {
            var code = area.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (area < 100 && area is not (10 or >= 20 and <= 29))
            {
                continue;
            }

            if (area >= 100 && code[0] == '2' || area >= 100 && code.StartsWith("10", StringComparison.Ordinal))
            {
                continue;
            }

            // The plan allows 7 or 8 subscriber digits. Three-digit area codes 3xx-5xx and 7xx-9xx belong to the
            // provinces (our own data: libphonenumber's per-area patterns miss some); elsewhere libphonenumber decides.
            if (area >= 100 && code[0] is '3' or '4' or '5' or '7' or '8' or '9')
            {
                lengths[area] = (1 << 7) | (1 << 8);
                continue;
            }

            for (var first = '2'; first <= '8'; first++)
            {
                if (IsValid(util, "0" + code + first + "3456789", PhoneNumberType.FIXED_LINE))
                {
                    lengths[area] = (1 << 7) | (1 << 8);
                    break;
                }
            }
        }

        return new Tables(mobile, lengths);
    }

    private static bool IsValid(PhoneNumberUtil util, string national, PhoneNumberType wanted)
    {
        try
        {
            var number = util.Parse(national, "CN");
            var type = util.GetNumberType(number);
            return util.IsValidNumberForRegion(number, "CN") && (type == wanted || type == PhoneNumberType.FIXED_LINE_OR_MOBILE);
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    private sealed record Tables(bool[] Mobile, int[] AreaLengths);
}
