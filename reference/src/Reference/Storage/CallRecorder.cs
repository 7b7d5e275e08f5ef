using System.Collections.Concurrent;
using Reference.Stir;
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

    // A SHA-256 per call would cost more than the rest of the record: entry points are few (trunks, gateway peers).
    private readonly ConcurrentDictionary<string, string> _origins = new(StringComparer.Ordinal);

    public void OnScreened(CallAttempt call, ScreeningDecision decision)
    {
        if (!options.Records)
        {
            return;
        }

        var trunk = call.TrunkIn(directory);
        writer.TryRecord(new CallRecord(
            call.At, call.Realm, options.NamesTrunks ? trunk?.Id : null, call.PresentedNumber, call.CalledNumber, OrigId(call, trunk), call.CallId,
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

    private string? OrigId(CallAttempt call, Trunk? trunk)
    {
        if (call.Realm == Realm.Interconnect)
        {
            return null;
        }

        var entry = OriginIds.EntryPoint(call.Realm, call.Source, trunk?.Id);
        if (_origins.TryGetValue(entry, out var known))
        {
            return known;
        }

        var origid = OriginIds.For(entry);
        if (_origins.Count < OriginsKept)
        {
            _origins.TryAdd(entry, origid);
        }

        return origid;
    }
}
