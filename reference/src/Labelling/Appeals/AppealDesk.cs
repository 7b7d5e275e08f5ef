using System.Collections.Concurrent;
using System.Globalization;

namespace Labelling.Appeals;

/// <summary>
/// Takes appeals against labels. A reissued number (二次放号: the appellant got it after the labelled use) and a label
/// naming another holder are cleared at once, with no one to ask; anything else waits for a decision by the
/// deadline. A cleared appeal clears the label in the <see cref="LabelBook"/> at the same moment.
/// </summary>
public sealed class AppealDesk(LabelBook book)
{
    private readonly ConcurrentDictionary<string, Appeal> _appeals = new(StringComparer.Ordinal);
    private long _next;

    public Appeal File(string number, string holder, AppealReason reason, string text, DateTimeOffset now)
    {
        var id = "appeal-" + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        var label = book.Lookup(number, now);
        var decideBy = now + book.Parameters.AppealDeadline;
        Appeal appeal;
        if (label is null)
        {
            appeal = new Appeal(id, number, holder, reason, text, now, decideBy, AppealState.Cleared, now, "the number carries no label");
        }
        else if (reason == AppealReason.Reissued)
        {
            book.Clear(number, now);
            appeal = new Appeal(id, number, holder, reason, text, now, decideBy, AppealState.Cleared, now, "reissued number: the label belonged to its earlier holder");
        }
        else if (reason == AppealReason.DifferentHolder && label.Holder is { } named && !string.Equals(named, holder, StringComparison.Ordinal))
        {
            book.Clear(number, now);
            appeal = new Appeal(id, number, holder, reason, text, now, decideBy, AppealState.Cleared, now, $"the label names {named}, not the appellant");
        }
        else
        {
            appeal = new Appeal(id, number, holder, reason, text, now, decideBy, AppealState.Pending, null, "awaiting a decision");
        }

        _appeals[id] = appeal;
        return appeal;
    }

    public Appeal? Find(string id) => _appeals.GetValueOrDefault(id);

    /// <summary>Decides a pending appeal; null when there is no such appeal, the appeal unchanged when it was already decided.</summary>
    public Appeal? Decide(string id, bool clear, string why, DateTimeOffset now)
    {
        if (!_appeals.TryGetValue(id, out var appeal))
        {
            return null;
        }

        if (appeal.State != AppealState.Pending)
        {
            return appeal;
        }

        if (clear)
        {
            book.Clear(appeal.Number, now);
        }

        var decided = appeal with { State = clear ? AppealState.Cleared : AppealState.Upheld, DecidedAt = now, Why = why };
        _appeals[id] = decided;
        return decided;
    }
}
