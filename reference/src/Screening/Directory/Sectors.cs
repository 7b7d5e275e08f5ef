namespace Screening.Directory;

/// <summary>The sector codes of the management API ("finance", "real-estate", …) and which sectors market.</summary>
public static class Sectors
{
    private static readonly Dictionary<string, Sector> ByCode = new(StringComparer.Ordinal)
    {
        ["finance"] = Sector.Finance,
        ["real-estate"] = Sector.RealEstate,
        ["medical"] = Sector.Medical,
        ["health-food"] = Sector.HealthFood,
        ["hr-services"] = Sector.HrServices,
        ["tourism"] = Sector.Tourism,
        ["other"] = Sector.Other,
    };

    public static IReadOnlyCollection<string> Codes => ByCode.Keys;

    public static bool TryParse(string? code, out Sector sector) => ByCode.TryGetValue(code ?? string.Empty, out sector);

    public static string Code(Sector sector) => ByCode.First(p => p.Value == sector).Key;

    public static bool IsMarketing(Sector sector) => sector != Sector.Other;
}
