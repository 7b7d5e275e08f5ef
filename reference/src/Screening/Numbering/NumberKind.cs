namespace Screening.Numbering;

/// <summary>What a calling number is under the national numbering plan.</summary>
public enum NumberKind
{
    /// <summary>Not a usable calling number: see <see cref="NumberCheck.Problem"/>.</summary>
    Invalid,

    /// <summary>Mobile, 1[3-9]xxxxxxxxx.</summary>
    Mobile,

    /// <summary>Fixed line, 0 + area code + 7–8 digits.</summary>
    FixedLine,

    /// <summary>Service numbers: 95xxx, 96xxx, 400-xxx-xxxx, 10xxx.</summary>
    Service,

    /// <summary>110, 119, 120, 122.</summary>
    Emergency,

    /// <summary>A number of another country (international form, not +86).</summary>
    Foreign,
}
