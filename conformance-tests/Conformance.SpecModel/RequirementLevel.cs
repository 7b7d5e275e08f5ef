namespace Conformance.SpecModel;

public enum RequirementLevel
{
    Must,
    Should,
    May,
}
