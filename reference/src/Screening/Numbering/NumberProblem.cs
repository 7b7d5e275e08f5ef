namespace Screening.Numbering;

/// <summary>Why a calling number is not standard (不规范主叫号码); the values are the machine-readable reasons of decisions.</summary>
public static class NumberProblem
{
    public const string Malformed = "malformed";
    public const string WrongLength = "wrong-length";
    public const string Unallocated = "unallocated";
    public const string NotDiallable = "not-diallable";
}
