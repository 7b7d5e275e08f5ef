using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace LabelLookup;

/// <summary>
/// Listens to the runtime's GC events while the load runs and prints one line per collection: how long suspending
/// the threads took, the whole pause, and what the mark phase found from each root kind (stacks, handles, the older
/// generations' cards). It tells apart "the threads were slow to stop" from "the GC had much to mark".
/// </summary>
internal sealed class GcEvents : EventListener
{
    private readonly ConcurrentQueue<string> _lines = new();
    private long _suspendStart;
    private long _suspended;
    private int _generation;
    private readonly long[] _marked = new long[8];

    public IEnumerable<string> Lines => _lines;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Informational, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        var now = e.TimeStamp.Ticks;
        switch (e.EventName)
        {
            case "GCSuspendEEBegin_V1": _suspendStart = now; break;
            case "GCSuspendEEEnd_V1": _suspended = now; break;
            case "GCStart_V2": _generation = Convert.ToInt32(e.Payload![1], CultureInfo.InvariantCulture); Array.Clear(_marked); break;
            case "GCMarkWithType":
                var kind = Convert.ToInt32(e.Payload![2], CultureInfo.InvariantCulture);
                if (kind is >= 0 and < 8)
                {
                    _marked[kind] += Convert.ToInt64(e.Payload![3], CultureInfo.InvariantCulture);
                }

                break;
            case "GCRestartEEEnd_V1":
                _lines.Enqueue(string.Create(CultureInfo.InvariantCulture,
                    $"gen{_generation} suspend={(_suspended - _suspendStart) / 1e4:0.00} ms pause={(now - _suspendStart) / 1e4:0.00} ms marked stack={_marked[0] / 1024} KiB handles={_marked[2] / 1024} KiB cards={_marked[3] / 1024} KiB other={(_marked[1] + _marked[4] + _marked[5] + _marked[6] + _marked[7]) / 1024} KiB"));
                break;
        }
    }
}
