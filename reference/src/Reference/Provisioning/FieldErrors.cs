using Screening.Numbering;

namespace Reference.Provisioning;

/// <summary>
/// Collects what is wrong with a provisioning request, per JSON field, so that the answer names every bad field
/// (problem+json, RFC 9457) and nothing is written unless the whole request is good.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string problem) =>
        _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, problem] : [problem];

    /// <summary>The longest identifier or name the API takes: beyond it a string is an attack on memory or logs, not a name.</summary>
    public const int MaxLength = 200;

    public string? Required(string field, string? value, int maxLength = MaxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required");
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            Add(field, $"is {trimmed.Length} characters long; at most {maxLength} are accepted");
            return null;
        }

        return trimmed;
    }

    /// <summary>An optional free text: null stays null, a longer one than <paramref name="maxLength"/> is named.</summary>
    public string? Optional(string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
        {
            Add(field, $"is {value.Length} characters long; at most {maxLength} are accepted, shorten it");
            return null;
        }

        return value;
    }

    /// <summary>A domestic number of the national plan, returned in national form; null (and an error) otherwise.</summary>
    public string? DomesticNumber(string field, string? value)
    {
        if (Required(field, value) is not { } text)
        {
            return null;
        }

        var check = NumberingPlan.Check(text);
        if (check.Kind is NumberKind.Mobile or NumberKind.FixedLine or NumberKind.Service)
        {
            return check.National;
        }

        Add(field, check.IsValid
            ? $"'{text}' is not a subscriber number of the national plan (mobile, fixed line or service number)"
            : $"'{text}' is not a valid national number ({check.Problem})");
        return null;
    }

    public IResult Problem() => Results.ValidationProblem(_errors, title: "The request was refused; nothing was written.");

    public static IResult Single(string field, string problem, int status = StatusCodes.Status400BadRequest) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [problem] }, title: "The request was refused; nothing was written.", statusCode: status);
}
