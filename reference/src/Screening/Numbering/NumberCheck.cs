namespace Screening.Numbering;

/// <summary>
/// A calling number read against the national plan. <see cref="National"/> is the number in national form
/// (mobile 11 digits, fixed line with its trunk prefix 0, service numbers as dialled), the key every list uses.
/// </summary>
public readonly record struct NumberCheck(NumberKind Kind, string National, string? Problem)
{
    public bool IsValid => Kind != NumberKind.Invalid;

    public bool IsDomestic => Kind is NumberKind.Mobile or NumberKind.FixedLine or NumberKind.Service or NumberKind.Emergency;

    public static NumberCheck Invalid(string text, string problem) => new(NumberKind.Invalid, text, problem);
}
