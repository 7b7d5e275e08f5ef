using Reference.Signalling;
using Reference.Traceback;
using Screening;
using Sip.Proxy;

namespace Reference.Storage;

/// <summary>
/// Holds every screened call's final response until the call's record is written (<see cref="CallRecordWriter"/>): the
/// ticket is taken after <see cref="CallRecorder"/> queued the record, on the same thread, so it covers it. An answer
/// relayed for a call this node never screened (it was screened before a restart, and its record died with the node
/// before the answer could go) gets a record of what the answer says, reason <see cref="Unscreened"/>.
/// </summary>
public sealed class CallRecordHold(CallRecordWriter writer, TracebackOptions options) : ICallHold
{
    /// <summary>The reason an answered call's record gives when the node relayed its answer without having screened it.</summary>
    public const string Unscreened = "answered-unscreened";

    // Read once: a look-up in the set of mutants otherwise, on every call.
    private readonly bool _records = options.Records;

    // With a journal a record is kept the moment it is queued, so there is nothing to wait for: no hold, and no second
    // decision made on every call only to carry one that passes at once.
    public ResponseHold? For(CallAttempt call) => _records && !writer.KeepsAtOnce ? new ResponseHold(writer, writer.Recorded) : null;

    public ResponseHold? ForUnscreened(CallAttempt call)
    {
        if (!_records)
        {
            return null;
        }

        writer.TryRecord(new CallRecord(call.At, call.Realm, null, call.PresentedNumber, call.CalledNumber, null, call.CallId, "forward", Unscreened));
        return writer.KeepsAtOnce ? null : new ResponseHold(writer, writer.Recorded);
    }
}
