namespace Labelling;

/// <summary>What a journal kept, put back at start or applied as other nodes write it, without writing it again.</summary>
public sealed partial class LabelBook
{
    /// <summary>Puts back what a journal kept, without writing it again: the node's state as of its last write.</summary>
    public void Restore(LabelRecords records)
    {
        foreach (var (number, at) in records.Clears)
        {
            _entries.GetOrAdd(number, _ => new Entry()).ClearedAt = at;
        }

        foreach (var report in records.Reports)
        {
            var entry = _entries.GetOrAdd(report.Number, _ => new Entry());
            // Reports up to the last clear were forgotten by it; leaving them out leaves every answer as it was.
            if (report.At > entry.ClearedAt)
            {
                Apply(entry, report);
            }
        }

        foreach (var (number, category, at) in records.Flags)
        {
            _entries.GetOrAdd(number, _ => new Entry()).Analytics = (category, at);
        }

        foreach (var (number, category, enterprise, at) in records.Declarations)
        {
            _entries.GetOrAdd(number, _ => new Entry()).Declaration = (category, enterprise, at);
        }
    }

    /// <summary>
    /// Applies records another node wrote to the shared journal while this one runs, without writing them again:
    /// clears as they happen (forgetting what came before), then reports, flags and declarations. Each is applied under
    /// its number's lock, and applying one twice changes nothing.
    /// </summary>
    public void Replay(LabelRecords records)
    {
        foreach (var (number, at) in records.Clears)
        {
            var entry = _entries.GetOrAdd(number, _ => new Entry());
            lock (entry)
            {
                if (at > entry.ClearedAt)
                {
                    Apply(entry, at);
                }
            }
        }

        foreach (var report in records.Reports)
        {
            var entry = _entries.GetOrAdd(report.Number, _ => new Entry());
            lock (entry)
            {
                if (report.At > entry.ClearedAt)
                {
                    Apply(entry, report);
                }
            }
        }

        foreach (var (number, category, at) in records.Flags)
        {
            var entry = _entries.GetOrAdd(number, _ => new Entry());
            lock (entry)
            {
                // A clear forgets what was said before it: a flag seen again after its clear stays forgotten.
                if (at > entry.ClearedAt)
                {
                    entry.Analytics ??= (category, at);
                }
            }
        }

        foreach (var (number, category, enterprise, at) in records.Declarations)
        {
            var entry = _entries.GetOrAdd(number, _ => new Entry());
            lock (entry)
            {
                if (at > entry.ClearedAt)
                {
                    entry.Declaration = (category, enterprise, at);
                }
            }
        }
    }
}
