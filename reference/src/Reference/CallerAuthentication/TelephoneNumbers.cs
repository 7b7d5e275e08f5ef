using Screening.Numbering;

namespace Reference.CallerAuthentication;

/// <summary>
/// The number forms PASSporTs carry (RFC 8588 §5: E.164 digits, no "+"), from what SIP presented: a number of the
/// national plan gets country code 86; any other number keeps its digits, less a "+" or "00" international prefix.
/// </summary>
public static class TelephoneNumbers
{
    public static string Canonical(string presented)
    {
        var check = NumberingPlan.Check(presented);
        if (check.IsDomestic && check.National is { Length: > 0 } national)
        {
            return "86" + (national[0] == '0' ? national[1..] : national);
        }

        var digits = new string(presented.Where(char.IsAsciiDigit).ToArray());
        return digits.StartsWith("00", StringComparison.Ordinal) ? digits[2..] : digits;
    }
}
