namespace Reference.Resources;

/// <summary>
/// What a carrier checked of an enterprise before it may hold 95/96/400 numbers or a trunk's number block (资质审核):
/// its business scope (经营范围), where its numbers connect (the call centre or switch behind them), their use, and
/// until when the documents hold. A part left out is recorded as missing, and an allocation names it when refused.
/// </summary>
public sealed record Qualification(
    string Enterprise,
    string? BusinessScope,
    string? ConnectsTo,
    string? Use,
    DateTimeOffset? ValidUntil,
    DateTimeOffset RecordedAt,
    string RecordedBy)
{
    /// <summary>Each part that keeps this qualification from allowing an allocation at <paramref name="now"/>, by the field that names it.</summary>
    public IReadOnlyList<(string Field, string Problem)> Shortcomings(DateTimeOffset now)
    {
        var missing = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(BusinessScope))
        {
            missing.Add(("qualification.businessScope", $"the qualification of {Enterprise} records no business scope; record it with POST /v1/qualifications"));
        }

        if (string.IsNullOrWhiteSpace(ConnectsTo))
        {
            missing.Add(("qualification.connectsTo", $"the qualification of {Enterprise} records no place its numbers connect to; record it with POST /v1/qualifications"));
        }

        if (string.IsNullOrWhiteSpace(Use))
        {
            missing.Add(("qualification.use", $"the qualification of {Enterprise} records no use of the numbers; record it with POST /v1/qualifications"));
        }

        if (ValidUntil is not { } until)
        {
            missing.Add(("qualification.validUntil", $"the qualification of {Enterprise} records no date its documents are valid until"));
        }
        else if (until <= now)
        {
            missing.Add(("qualification.validUntil", $"the qualification of {Enterprise} expired at {until:O}; check the documents again and record them"));
        }

        return missing;
    }
}
