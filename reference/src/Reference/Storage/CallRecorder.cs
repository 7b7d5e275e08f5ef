using System.Collections.Concurrent;
using Reference.CallerAuthentication;
using Reference.Traceback;
using Screening;
using Screening.Directory;

namespace Reference.Storage;

/// <summary>
/// Hands every screened call to the <see cref="CallRecordWriter"/>: a look-up of the source's trunk and a queued
/// record, nothing that waits. It runs in <c>ActiveCalls.Screened</c>, before the policy returns the decision the
/// final response is built from, so every record is queued before its call's final response is sent. The origid is
/// that of the call's entry point (<see cref="OriginIds"/>, as the node signs with); calls from domestic carriers
/// entered another network and have none here.
/// </summary>
public sealed class CallRecorder(CallRecordWriter writer, IScreeningDirectory directory, TracebackOptions options) : ICallObserver
{
    private const int OriginsKept = 10_000;

    // A SHA-256 per call would cost more than the rest of the record: entry points are few (trunks, gateway peers). Keyed
    // by what names the entry point, not by its name, so that a call builds no string to find its origid.
    private readonly ConcurrentDictionary<(Realm Realm, string Source, string? Trunk), string> _origins = new();

    // Read once: each is a look-up in the set of mutants, twice a call otherwise.
    private readonly bool _records = options.Records;
    private readonly bool _namesTrunks = options.NamesTrunks;

    public void OnScreened(CallAttempt call, ScreeningDecision decision)
    {
        if (!_records)
        {
            return;
        }

        var trunk = call.TrunkIn(directory);
        writer.TryRecord(new CallRecord(
            call.At, call.Realm, _namesTrunks ? trunk?.Id : null, call.PresentedNumber, call.CalledNumber, OrigId(call, trunk), call.CallId,
            decision.IsIntercepted ? "intercept" : "forward", decision.Reason));
    }

    public void OnAlerting(CallAttempt call, DateTimeOffset at)
    {
    }

    public void OnAnswered(CallAttempt call, DateTimeOffset at)
    {
    }

    public void OnEnded(CallAttempt call, CallEnd end, DateTimeOffset at)
    {
    }

    // The last entry point each calling thread asked about, and its origid: calls through one entry point come in runs, and
    // the node hands a source's calls the same string for its address (ScreeningPolicy), so a call from the last source
    // is answered by comparing references, without hashing the address or reaching into the dictionary's memory. An
    // origid depends on the entry point alone, so one thread's last answer serves every recorder.
    [ThreadStatic]
    private static LastOrigin? t_last;

    private sealed record LastOrigin(Realm Realm, string Source, string? Trunk, string OrigId);

    private string? OrigId(CallAttempt call, Trunk? trunk)
    {
        if (call.Realm == Realm.Interconnect)
        {
            return null;
        }

        var trunkId = trunk?.Id;
        if (t_last is { } last && ReferenceEquals(last.Source, call.Source) && last.Realm == call.Realm && ReferenceEquals(last.Trunk, trunkId))
        {
            return last.OrigId;
        }

        // A trunk's entry point is the trunk whatever address it calls from.
        var key = trunk is null ? (call.Realm, call.Source, (string?)null) : (Realm.Access, string.Empty, trunk.Id);
        if (!_origins.TryGetValue(key, out var origid))
        {
            origid = OriginIds.For(OriginIds.EntryPoint(call.Realm, call.Source, trunkId));
            if (_origins.Count < OriginsKept)
            {
                _origins.TryAdd(key, origid);
            }
        }

        t_last = new LastOrigin(call.Realm, call.Source, trunkId, origid);
        return origid;
    }
}
