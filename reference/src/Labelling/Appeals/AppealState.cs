namespace Labelling.Appeals;

/// <summary>Codes "cleared", "pending", "upheld" on the wire.</summary>
public enum AppealState
{
    Cleared,
    Pending,
    Upheld,
}
