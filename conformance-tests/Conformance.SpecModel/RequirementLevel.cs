namespace Conformance.Reporting;

public enum RequirementLevel
{
    Must,
    Should,
    May,
}
