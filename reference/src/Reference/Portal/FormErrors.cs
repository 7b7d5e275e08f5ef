namespace Reference.Portal;

/// <summary>
/// A form's validation messages, in the visitor's language, each tied to the id of the field it is about: the error
/// summary at the top of the page links to the fields, and each field shows its own message.
/// </summary>
public sealed class FormErrors
{
    private readonly List<(string Field, string Message)> _errors = [];

    public bool Any => _errors.Count > 0;

    public IReadOnlyList<(string Field, string Message)> All => _errors;

    public void Add(string field, string message) => _errors.Add((field, message));

    public string? For(string field) => _errors.FirstOrDefault(e => e.Field == field).Message;

    /// <summary>The aria-describedby of a field: its hint (when it has one) and its error (when it has one).</summary>
    public string DescribedBy(string field, bool hint = false) =>
        string.Join(' ', new[] { hint ? field + "-hint" : null, For(field) is null ? null : field + "-error" }.Where(s => s is not null));
}
