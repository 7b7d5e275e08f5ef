using Conformance.Harness.ShortMessages;
using Sip;

namespace Conformance.Harness.Calls;

/// <summary>
/// Judges whether anything of a call, or of bytes the suite sent, reached the callee side: the meaning of "never
/// forwarded". A call is leaked by an INVITE for its callee number (Request-URI or To user, in any national or
/// international form) under any Call-ID, or by any bytes that carry its Call-ID, its From tag or its callee number,
/// parsed or not. Requests of calls the callee had already received before the call was placed (their late ACK or
/// BYE) are not the call's.
/// </summary>
public static class CalleeLeaks
{
    /// <summary>One line per leak found among <paramref name="arrivals"/>; empty when nothing of the call arrived.</summary>
    public static IReadOnlyList<string> Of(IEnumerable<CalleeArrival> arrivals, CallIdentifiers call, IReadOnlySet<string> earlierCallIds)
    {
        var leaks = new List<string>();
        foreach (var arrival in arrivals)
        {
            var request = arrival.Request;
            if (request?.CallId is { } id && id != call.CallId && earlierCallIds.Contains(id))
            {
                continue;
            }

            var where = $"#{arrival.Sequence} ({arrival.Transport} from {arrival.Remote}, {arrival.Bytes.Length} bytes)";
            if (request is { Method: "INVITE" } && call.CalleeNumber.Length > 0 && IsFor(request, call.CalleeNumber))
            {
                leaks.Add($"{where}: an INVITE for {call.CalleeNumber} under Call-ID {request.CallId ?? "(none)"}");
            }
            else if (call.CallId is { Length: > 0 } callId && arrival.Contains(callId))
            {
                leaks.Add($"{where}: bytes carrying the call's Call-ID {callId}");
            }
            else if (call.FromTag is { Length: > 0 } tag && arrival.Contains(tag))
            {
                leaks.Add($"{where}: bytes carrying the call's From tag {tag}");
            }
            else if (call.CalleeNumber.Length > 0 && arrival.Contains(SubscriberNumbers.National(call.CalleeNumber)))
            {
                leaks.Add($"{where}: bytes carrying the callee number {call.CalleeNumber}");
            }
        }

        return leaks;
    }

    /// <summary>One line per arrival that is not a whole SIP message, or that holds <paramref name="sent"/>: what a system relayed of bytes it should have dropped.</summary>
    public static IReadOnlyList<string> OfBytes(IEnumerable<CalleeArrival> arrivals, byte[] sent)
    {
        // A window of the sent bytes, so that a relay that trimmed or re-framed them is still recognised.
        var probe = sent.AsSpan(0, Math.Min(sent.Length, 32)).ToArray();
        var leaks = new List<string>();
        foreach (var arrival in arrivals)
        {
            var where = $"#{arrival.Sequence} ({arrival.Transport} from {arrival.Remote}, {arrival.Bytes.Length} bytes)";
            if (arrival.Contains(probe))
            {
                leaks.Add($"{where}: the bytes the suite sent, relayed");
            }
            else if (arrival.Message is null)
            {
                leaks.Add($"{where}: bytes that are not a whole SIP message");
            }
        }

        return leaks;
    }

    public static bool IsFor(SipRequest request, string calleeNumber) =>
        (SipUri.TryParse(request.RequestUri, out var uri) && uri.Number is { } called && SubscriberNumbers.Same(UserPart(called), calleeNumber))
        || (request.To?.Uri.Number is { } to && SubscriberNumbers.Same(UserPart(to), calleeNumber));

    private static string UserPart(string number)
    {
        var semicolon = number.IndexOf(';', StringComparison.Ordinal);
        return semicolon >= 0 ? number[..semicolon] : number;
    }
}
