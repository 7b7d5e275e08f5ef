namespace Labelling;

/// <summary>
/// The wire code (API, Call-Info) and the Chinese name (display name, warning text) of each category. Codes are
/// the contract vendors match; the names are what a callee reads.
/// </summary>
public static class LabelCategories
{
    private static readonly (LabelCategory Category, string Code, string Name, bool Benign)[] Table =
    [
        (LabelCategory.Harassment, "harassment", "骚扰电话", false),
        (LabelCategory.Fraud, "fraud", "诈骗电话", false),
        (LabelCategory.Advertising, "advertising", "广告推销", false),
        (LabelCategory.RealEstate, "real-estate", "房产中介", false),
        (LabelCategory.InsuranceFinance, "insurance-finance", "保险理财", false),
        (LabelCategory.Loans, "loans", "贷款推销", false),
        (LabelCategory.Recruitment, "recruitment", "招聘猎头", false),
        (LabelCategory.Delivery, "delivery", "快递外卖", true),
        (LabelCategory.Taxi, "taxi", "出租车", true),
    ];

    public static IEnumerable<LabelCategory> All => Table.Select(t => t.Category);

    public static IEnumerable<string> Codes => Table.Select(t => t.Code);

    public static string Code(this LabelCategory category) => Row(category).Code;

    public static string ChineseName(this LabelCategory category) => Row(category).Name;

    /// <summary>Benign categories (delivery, taxi) tell the callee who calls; they never warn.</summary>
    public static bool IsBenign(this LabelCategory category) => Row(category).Benign;

    /// <summary>Accepts the code ("real-estate") or the Chinese name ("房产中介").</summary>
    public static bool TryParse(string? text, out LabelCategory category)
    {
        foreach (var row in Table)
        {
            if (string.Equals(row.Code, text?.Trim(), StringComparison.OrdinalIgnoreCase) || row.Name == text?.Trim())
            {
                category = row.Category;
                return true;
            }
        }

        category = default;
        return false;
    }

    private static (LabelCategory Category, string Code, string Name, bool Benign) Row(LabelCategory category) =>
        Table.First(t => t.Category == category);
}
