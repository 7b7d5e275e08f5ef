namespace Screening.Numbering;

/// <summary>
/// Recognises numbers of China's national numbering plan (country code 86) in every form a caller can
/// present: +86…, 0086…, 86… and bare national numbers (mobile 1[3-9]xxxxxxxxx, fixed line 0 + area code).
/// </summary>
public static class ChineseNumber
{
    public const string CountryCode = "86";

    /// <summary>True when the number, as presented, is a Chinese national number.</summary>
    public static bool IsNational(string presented)
    {
        var text = NumberText.Clean(presented);
        if (text.StartsWith('+'))
        {
            return text.AsSpan(1).StartsWith(CountryCode);
        }

        if (text.AsSpan().ContainsAnyExceptInRange('0', '9') || text.Length == 0)
        {
            return false;
        }

        if (text.StartsWith("00", StringComparison.Ordinal))
        {
            return text.AsSpan(2).StartsWith(CountryCode);
        }

        // "86" without a prefix is ambiguous with national numbers; it is Chinese when what follows is a valid
        // national significant number, which no bare national number of the plan can be mistaken for.
        if (text.StartsWith(CountryCode, StringComparison.Ordinal) && IsSignificantNumber(text[2..]))
        {
            return true;
        }

        return IsMobile(text) || IsFixedLineWithTrunkPrefix(text);
    }

    /// <summary>A national significant number as it follows the country code: mobile, or area code + subscriber without the 0.</summary>
    public static bool IsSignificantNumber(string digits) =>
        IsMobile(digits) || (digits.Length is >= 9 and <= 11 && digits[0] is >= '1' and <= '9' && !digits.AsSpan().ContainsAnyExceptInRange('0', '9'));

    public static bool IsMobile(string digits) =>
        digits.Length == 11 && digits[0] == '1' && digits[1] is >= '3' and <= '9' && !digits.AsSpan().ContainsAnyExceptInRange('0', '9');

    /// <summary>0 + area code (2–3 digits) + subscriber (7–8 digits): 10 to 12 digits in all.</summary>
    public static bool IsFixedLineWithTrunkPrefix(string digits) =>
        digits.Length is >= 10 and <= 12 && digits[0] == '0' && digits[1] != '0' && !digits.AsSpan().ContainsAnyExceptInRange('0', '9');
}
