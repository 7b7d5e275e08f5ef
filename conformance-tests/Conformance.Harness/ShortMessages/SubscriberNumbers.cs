namespace Conformance.Harness.ShortMessages;

/// <summary>Compares destination addresses as numbers, since an SMSC sees national and international forms alike.</summary>
public static class SubscriberNumbers
{
    private const string ChinaCountryCode = "86";

    public static bool Same(string a, string b) => National(a) == National(b);

    public static string National(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var digits = new string([.. address.Where(char.IsAsciiDigit)]);
        if (digits.StartsWith("00" + ChinaCountryCode, StringComparison.Ordinal))
        {
            digits = digits[4..];
        }
        else if (digits.StartsWith(ChinaCountryCode, StringComparison.Ordinal) && digits.Length > 11)
        {
            digits = digits[2..];
        }

        return digits;
    }
}
