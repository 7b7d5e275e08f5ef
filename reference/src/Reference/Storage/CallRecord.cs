using Screening;

namespace Reference.Storage;

/// <summary>
/// One screened call as traceback needs it: when, in which realm and from which trunk (null when the source is no
/// provisioned trunk), the calling and called numbers, the STIR origid when the call carried one, the SIP Call-ID, the
/// decision ("forward" or "intercept") and its reason code. A value, not an object: records wait in the writer's arrays
/// (<see cref="CallRecordQueue"/>) without an allocation per call, holding strings the call already holds.
/// </summary>
public readonly record struct CallRecord(DateTimeOffset At, Realm Realm, string? Trunk, string Calling, string Called, string? OrigId, string CallId, string Decision, string Reason);
