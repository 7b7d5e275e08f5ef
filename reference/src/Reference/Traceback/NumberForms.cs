using Screening.Numbering;

namespace Reference.Traceback;

/// <summary>
/// The forms one number may have been presented in, so that a query finds its calls whichever form the call carried:
/// records keep the number as presented (the evidence), and a Chinese number comes as 13912345678, +8613912345678,
/// 008613912345678 or 8613912345678; a fixed line drops its trunk prefix 0 after the country code (010… is +8610…);
/// a foreign number comes with + or 00. What the numbering plan does not read is searched as given.
/// </summary>
public static class NumberForms
{
    public static IReadOnlyList<string> Of(string value)
    {
        var given = value.Trim();
        var check = NumberingPlan.Check(given);
        var forms = new List<string> { given };
        switch (check.Kind)
        {
            case NumberKind.Mobile or NumberKind.FixedLine or NumberKind.Service:
                var significant = check.National.StartsWith('0') ? check.National[1..] : check.National;
                forms.AddRange([check.National, "+86" + significant, "0086" + significant, "86" + significant]);
                break;
            case NumberKind.Emergency:
                forms.Add(check.National);
                break;
            case NumberKind.Foreign:
                forms.AddRange([check.National, "00" + check.National[1..]]);
                break;
        }

        return forms.Distinct(StringComparer.Ordinal).ToList();
    }
}
