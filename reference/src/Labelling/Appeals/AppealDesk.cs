using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Labelling.Appeals;

/// <summary>
/// Takes appeals against labels. A reissued number (二次放号: the appellant got it after the labelled use) is cleared at
/// once only when the carrier's allocation record shows the number passing to the appellant after the label; a record
/// that shows no such change, or no record at all, sends the appeal to the desk: the appellant's word alone never
/// clears a label. A label naming another holder (a declaration) is cleared at once. Anything
/// else waits for a decision by the deadline. A cleared appeal clears the label in the <see cref="LabelBook"/> at the same moment. A pending appeal
/// whose deadline has passed is escalated to the supervising desk, as of its deadline, the first time anyone looks at
/// it after that, so what the desk answers never depends on when a background sweep last ran. Filings and decisions
/// are written to the book's <see cref="ILabelJournal"/> before they show (with the clear, in one write, when they
/// clear); an escalation is not written, as it follows from the deadline whenever the appeal is read.
/// </summary>
public sealed class AppealDesk(LabelBook book, TimeProvider? time = null, NumberAllocations? allocations = null) : IDisposable
{
    public const string EscalationWhy = "not decided by its deadline: escalated to the supervising desk";

    private readonly ConcurrentDictionary<string, Appeal> _appeals = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly SemaphoreSlim _decisions = new(1, 1);
    private readonly NumberAllocations _allocations = allocations ?? new NumberAllocations();

    /// <summary>
    /// Whether <paramref name="id"/> is of the random form appeals are given (appeal- and 80 random bits in hex): an id
    /// the appellant is answered with and may follow publicly, as no one can guess another's from their own. Appeals
    /// filed before were numbered in order (appeal-1, appeal-2, …) and keep those ids.
    /// </summary>
    public static bool IsUnguessable(string id) =>
        id.Length == IdPrefix.Length + (RandomIdBytes * 2) && id.StartsWith(IdPrefix, StringComparison.Ordinal) && id.AsSpan(IdPrefix.Length).ContainsAnyExcept(HexDigits) is false;

    private const string IdPrefix = "appeal-";
    private const int RandomIdBytes = 10;
    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdef");

    public Appeal File(string number, string holder, AppealReason reason, string text, DateTimeOffset now)
    {
        var (appeal, clears) = Filing(number, holder, reason, text, now);
        Keep(appeal, clears);
        _appeals[appeal.Id] = appeal;
        return appeal;
    }

    /// <summary><see cref="File"/>, awaiting the journal's write instead of blocking on it.</summary>
    public async Task<Appeal> FileAsync(string number, string holder, AppealReason reason, string text, DateTimeOffset now)
    {
        var (appeal, clears) = Filing(number, holder, reason, text, now);
        await KeepAsync(appeal, clears).ConfigureAwait(false);
        _appeals[appeal.Id] = appeal;
        return appeal;
    }

    /// <summary>The appeal as filed, and whether it clears the label at once.</summary>
    private (Appeal Appeal, bool Clears) Filing(string number, string holder, AppealReason reason, string text, DateTimeOffset now)
    {
        var id = IdPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(RandomIdBytes));
        var label = book.Lookup(number, now);
        var decideBy = now + book.Parameters.AppealDeadline;
        if (label is null)
        {
            return (new Appeal(id, number, holder, reason, text, now, decideBy, AppealState.Cleared, now, "the number carries no label"), false);
        }

        if (reason == AppealReason.Reissued && Reissue(number, holder, label) is { } finding)
        {
            return (new Appeal(id, number, holder, reason, text, now, decideBy, finding.Proven ? AppealState.Cleared : AppealState.Pending, finding.Proven ? now : null, finding.Why), finding.Proven);
        }

        if (reason == AppealReason.DifferentHolder && label.Category != LabelCategory.Fraud && label.Holder is { } named && !string.Equals(named, holder, StringComparison.Ordinal))
        {
            return (new Appeal(id, number, holder, reason, text, now, decideBy, AppealState.Cleared, now, $"the label names {named}, not the appellant"), true);
        }

        return (new Appeal(id, number, holder, reason, text, now, decideBy, AppealState.Pending, null, "awaiting a decision"), false);
    }

    public void Dispose() => _decisions.Dispose();

    /// <summary>Puts back appeals a journal kept, without writing them again.</summary>
    public void Restore(IEnumerable<Appeal> appeals)
    {
        foreach (var appeal in appeals)
        {
            _appeals[appeal.Id] = appeal;
        }
    }

    public Appeal? Find(string id) => Find(id, _time.GetUtcNow());

    public Appeal? Find(string id, DateTimeOffset now) => _appeals.TryGetValue(id, out var appeal) ? Escalate(appeal, now) : null;

    /// <summary>Every appeal as it stands at <paramref name="now"/>, oldest filing first.</summary>
    public IReadOnlyList<Appeal> All(DateTimeOffset now) =>
        _appeals.Values.Select(a => Escalate(a, now)).OrderBy(a => a.FiledAt).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();

    /// <summary>Pending appeals past their deadline, all escalated, the longest overdue first.</summary>
    public IReadOnlyList<Appeal> Overdue(DateTimeOffset now) =>
        All(now).Where(a => a.IsOverdue(now)).OrderBy(a => a.DecideBy).ToList();

    /// <summary>Decides a pending appeal; null when there is no such appeal, the appeal unchanged when it was already decided.</summary>
    public Appeal? Decide(string id, bool clear, string why, DateTimeOffset now)
    {
        // One decision at a time: two racing decisions of one appeal would otherwise both be written.
        _decisions.Wait();
        try
        {
            if (Deciding(id, clear, why, now) is not { } decided)
            {
                return Find(id, now);
            }

            Keep(decided, clear);
            _appeals[id] = decided;
            return decided;
        }
        finally
        {
            _decisions.Release();
        }
    }

    /// <summary><see cref="Decide"/>, awaiting the journal's write (and the decision before it) instead of blocking on them.</summary>
    public async Task<Appeal?> DecideAsync(string id, bool clear, string why, DateTimeOffset now)
    {
        await _decisions.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Deciding(id, clear, why, now) is not { } decided)
            {
                return Find(id, now);
            }

            await KeepAsync(decided, clear).ConfigureAwait(false);
            _appeals[id] = decided;
            return decided;
        }
        finally
        {
            _decisions.Release();
        }
    }

    /// <summary>The pending appeal as decided; null when there is no such appeal or it was decided already.</summary>
    private Appeal? Deciding(string id, bool clear, string why, DateTimeOffset now) =>
        Find(id, now) is { State: AppealState.Pending } appeal
            ? appeal with { State = clear ? AppealState.Cleared : AppealState.Upheld, DecidedAt = now, Why = why }
            : null;

    /// <summary>
    /// Writes the appeal, with the clear of its number's label when it clears it. The appeals mutant
    /// (LabelParameters.AppealsClearLabels false) records the appeal but leaves the label.
    /// </summary>
    private void Keep(Appeal appeal, bool clears)
    {
        if (clears && book.Parameters.AppealsClearLabels)
        {
            book.Clear(appeal);
        }
        else
        {
            book.Journal.Appealed(appeal, clearsLabel: false);
        }
    }

    private Task KeepAsync(Appeal appeal, bool clears) =>
        clears && book.Parameters.AppealsClearLabels ? book.ClearAsync(appeal) : book.Journal.AppealedAsync(appeal, clearsLabel: false).AsTask();

    /// <summary>What the allocation record says of a reissue: proven (the number passed to the appellant after the label), or why the desk must decide.</summary>
    private (bool Proven, string Why) Reissue(string number, string holder, Label label)
    {
        if (_allocations.Latest(number) is { } record)
        {
            // A change of holder: the appellant holds it since after the label, and did not hold it when it was labelled.
            var then = _allocations.HolderAt(number, label.At);
            return record.Since > label.At && string.Equals(record.Holder, holder, StringComparison.Ordinal) && !string.Equals(then?.Holder, holder, StringComparison.Ordinal)
                // The reason is shown to every role that may read the appeal: it names no holder (only the desk sees names).
                ? (true, $"reissued number: the allocation record gives it to the appellant since {record.Since:O}, after the label of {label.At:O}{(then is null ? string.Empty : ", when another holder held it")}")
                : (false, $"the allocation record does not show the number passing to the appellant after the label of {label.At:O}: awaiting a decision");
        }

        // Without a record the appellant's word is all there is, and a word launders any label (LAB-APL-005): the desk decides.
        return label.Category != LabelCategory.Fraud && book.Parameters.ReissueOnWord
            ? (true, "reissued number: the label belonged to its earlier holder")
            : (false, $"no allocation record shows the number passing to the appellant after the label of {label.At:O}: awaiting a decision by the appeal desk");
    }

    private Appeal Escalate(Appeal appeal, DateTimeOffset now)
    {
        if (!appeal.IsOverdue(now) || appeal.EscalatedAt is not null)
        {
            return appeal;
        }

        var escalated = appeal with { EscalatedAt = appeal.DecideBy, Why = EscalationWhy };
        // A decision racing the escalation wins: only the pending appeal that was read is replaced.
        return _appeals.TryUpdate(appeal.Id, escalated, appeal) ? escalated : _appeals[appeal.Id];
    }
}
