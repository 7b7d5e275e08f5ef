using Labelling;
using Labelling.Appeals;

namespace Reference.LabelService;

/// <summary>How labels and appeals look on the wire.</summary>
public static class LabelJson
{
    public static object Of(Label label) => new
    {
        number = label.Number,
        category = label.Category.Code(),
        categoryName = label.Category.ChineseName(),
        count = label.Count,
        source = label.Source.Code(),
        at = label.At,
        holder = label.Holder,
    };

    /// <param name="showHolder">Whether the reader may see the appellant's name: the appeal desk, and the appellant answered at filing.</param>
    public static object Of(Appeal appeal, DateTimeOffset now, bool showHolder) => new
    {
        id = appeal.Id,
        number = appeal.Number,
        holder = showHolder ? appeal.Holder : null,
        reason = appeal.Reason switch { AppealReason.Reissued => "reissued", AppealReason.DifferentHolder => "different-holder", _ => "other" },
        state = appeal.State.ToString().ToLowerInvariant(),
        filedAt = appeal.FiledAt,
        decideBy = appeal.DecideBy,
        decidedAt = appeal.DecidedAt,
        overdue = appeal.IsOverdue(now),
        escalatedAt = appeal.EscalatedAt,
        why = appeal.Why,
    };
}
