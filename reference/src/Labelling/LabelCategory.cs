namespace Labelling;

/// <summary>The label categories of REQUIREMENTS.md area 8; <see cref="LabelCategories"/> gives their codes and names.</summary>
public enum LabelCategory
{
    Harassment,
    Fraud,
    Advertising,
    RealEstate,
    InsuranceFinance,
    Loans,
    Recruitment,
    Delivery,
    Taxi,
}
