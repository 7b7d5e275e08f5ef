namespace Screening.Directory;

/// <summary>
/// An enterprise's business sector. The first six are the key sectors of commercial marketing calls
/// (MIIT June 2020 notice): their outbound calls are marketing calls and need the callee's consent.
/// </summary>
public enum Sector
{
    Finance,
    RealEstate,
    Medical,
    HealthFood,
    HrServices,
    Tourism,

    /// <summary>Any other business: its calls are not treated as marketing calls.</summary>
    Other,
}
