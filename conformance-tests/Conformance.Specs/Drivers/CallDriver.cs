using Conformance.Harness.Adapters;
using Conformance.Harness.Calls;
using Conformance.Specs.Support;
using Sip;
using NUnit.Framework;

namespace Conformance.Specs.Drivers;

/// <summary>Places calls into a realm of the SUT and judges what comes back and what reaches the callee.</summary>
public sealed class CallDriver(SuiteRun run, ScenarioState state)
{
    private static readonly TimeSpan T1 = TimeSpan.FromMilliseconds(500);

    // Three retransmissions answered within one second: more than timer G (T1, 2 T1, 4 T1 … apart) can send in it.
    public const int Retransmissions = 3;
    private static readonly TimeSpan RetransmissionWindow = TimeSpan.FromSeconds(1);

    public Task<CallResult> PlaceCallAsync(string realm, CallSpec call) => PlaceCallAsync(realm, call, NextEntryPoint(realm));

    /// <summary>Places the call at the realm's entry point <paramref name="sut"/> (one of the target's addresses for the realm).</summary>
    public async Task<CallResult> PlaceCallAsync(string realm, CallSpec call, System.Net.IPEndPoint sut)
    {
        await SettleAsync(realm);
        var invite = run.Caller.CreateInvite(call, sut);
        MarkCallee(invite);
        var result = await run.Caller.CallAsync(invite, sut, state.Evidence, run.Target.ResponseTimeout, state.HoldAck);
        if (result.Responses.Count == 0)
        {
            throw new SutUnavailableException(
                $"no response from the {realm} realm at {sut} within {run.Target.ResponseTimeout.TotalMilliseconds} ms");
        }

        state.LastCall = result;
        return result;
    }

    /// <summary>Places a call from the scenario's provisioned trunk (its own UA, whose source address identifies it).</summary>
    public async Task<CallResult> PlaceTrunkCallAsync(ProvisionedTrunk trunk, CallSpec call)
    {
        await SettleAsync(Realms.Access);
        var sut = NextEntryPoint(Realms.Access);
        var invite = trunk.Ua.CreateInvite(call, sut);
        MarkCallee(invite);
        var result = await trunk.Ua.CallAsync(invite, sut, state.Evidence, run.Target.ResponseTimeout);
        if (result.Responses.Count == 0)
        {
            throw new SutUnavailableException(
                $"no response from the access realm at {sut} within {run.Target.ResponseTimeout.TotalMilliseconds} ms");
        }

        state.LastCall = result;
        return result;
    }

    /// <summary>A call that rings at the callee and is cancelled by the caller; <paramref name="whileRinging"/> runs between the 180 and the CANCEL.</summary>
    public async Task<CallResult> RingOnceAsync(string realm, CallSpec call, Func<Task> whileRinging)
    {
        await SettleAsync(realm);
        run.Callee.RingWithoutAnswer(call.CalleeNumber);
        var sut = NextEntryPoint(realm);
        var invite = run.Caller.CreateInvite(call, sut);
        MarkCallee(invite);
        var result = await run.Caller.RingThenCancelAsync(invite, sut, state.Evidence, run.Target.ResponseTimeout, whileRinging);
        if (result.Responses.Count == 0)
        {
            throw new SutUnavailableException($"no response from the {realm} realm at {sut} within {run.Target.ResponseTimeout.TotalMilliseconds} ms");
        }

        Assert.That(result.Responses.Any(r => r.StatusCode is 180 or 183), Is.True, $"the call {invite.CallId} never rang: the SUT did not relay the callee's 180");
        Assert.That(result.Final?.StatusCode, Is.EqualTo(487), $"the cancelled call {invite.CallId} did not end with 487 Request Terminated (RFC 3261 §9.2)");
        state.LastCall = result;
        return result;
    }

    /// <summary>The call reached the callee: the SUT relayed the callee's 200 and the callee saw this very INVITE (same Call-ID).</summary>
    public void ExpectReached(CallResult call, string because = "")
    {
        var callee = SipUri.TryParse(call.Invite.RequestUri, out var uri) ? uri.Number ?? string.Empty : string.Empty;
        Assert.That(call.Final?.StatusCode, Is.EqualTo(200), $"the call {call.Invite.CallId} to {callee} was not completed: final response {call.Final?.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} {call.Final?.ReasonPhrase} {because}");
        Assert.That(run.Callee.InvitesFor(callee).Any(r => r.CallId == call.Invite.CallId), Is.True, $"the INVITE {call.Invite.CallId} never reached the callee {callee}");
    }

    /// <summary>The call got a blocking final response and nothing of it reached the callee within the quiet period (<see cref="ExpectNothingOfCallAsync"/>).</summary>
    public async Task ExpectBlockedAsync(CallResult call, InterceptionExpectations interception)
    {
        Assert.That(call.Final, Is.Not.Null, $"the call got no final response within {run.Target.ResponseTimeout.TotalMilliseconds} ms");
        interception.ExpectBlockingResponse(call.Final!);
        await ExpectNothingOfCallAsync(call);
    }

    /// <summary>Records the callee side's mark for a call about to be sent: what reaches the callee after it is judged against the call.</summary>
    public void MarkCallee(SipRequest invite) => state.CalleeMarks[invite.CallId!] = run.Callee.Mark();

    /// <summary>
    /// "Never forwarded": after the quiet period, no INVITE for the callee number (under any Call-ID) and no bytes
    /// carrying the call's Call-ID, From tag or callee number reached the callee side since the call was sent.
    /// </summary>
    public async Task ExpectNothingOfCallAsync(CallResult call)
    {
        await Task.Delay(run.Target.QuietPeriod);
        var mark = state.CalleeMarks.TryGetValue(call.Invite.CallId!, out var m) ? m : 0;
        ExpectNoLeaks(CalleeLeaks.Of(run.Callee.ArrivalsSince(mark), CallIdentifiers.Of(call.Invite), run.Callee.CallIdsUpTo(mark)),
            $"the intercepted call {call.Invite.CallId} to {CallIdentifiers.Of(call.Invite).CalleeNumber} reached the callee side; an intercepted call must never be forwarded, under any Call-ID");
    }

    // Every arrival at the callee is in the evidence already (ScenarioHooks adds the callee's wire): the leaks name them by number.
    private static void ExpectNoLeaks(IReadOnlyList<string> leaks, string because) => Assert.That(leaks, Is.Empty, because);

    /// <summary>
    /// The caller's ACK of the blocking response (sent as soon as it came, RFC 3261 §17.1.1.3) is absorbed by the SUT's
    /// server transaction: over UDP the final response is retransmitted no more (Timer G ends, §17.2.1), and the ACK,
    /// which belongs to that transaction, goes no further than the SUT. A system that ignored the ACK would repeat its
    /// final response T1 (500 ms) after sending it, so the suite listens for two T1 and the quiet period at least.
    /// </summary>
    public async Task ExpectAckAbsorbedAsync()
    {
        var call = state.LastCall ?? throw new InvalidOperationException("No call was placed in this scenario.");
        Assert.That(call.Final, Is.Not.Null, $"the call got no final response within {run.Target.ResponseTimeout.TotalMilliseconds} ms");
        int Finals() => run.Caller.ResponsesFor(call.Invite.CallId!).Count(r => r.CSeq?.Method == "INVITE" && r.StatusCode >= 200);
        var acknowledged = Finals();
        var listen = TimeSpan.FromMilliseconds(Math.Max(run.Target.QuietPeriod.TotalMilliseconds, 2 * T1.TotalMilliseconds + 200));
        await Task.Delay(listen);
        var repeated = Finals() - acknowledged;
        Assert.That(repeated, Is.Zero,
            $"the SUT sent its final response {call.Final!.StatusCode} {repeated} more time(s) within {listen.TotalMilliseconds} ms after the caller's ACK: Timer G must end when the ACK arrives (RFC 3261 §17.2.1)");
        var mark = state.CalleeMarks.TryGetValue(call.Invite.CallId!, out var m) ? m : 0;
        var acks = run.Callee.ArrivalsSince(mark)
            .Where(a => a.Request is { Method: "ACK" } r && (r.CallId == call.Invite.CallId || CalleeLeaks.IsFor(r, CallIdentifiers.Of(call.Invite).CalleeNumber)))
            .Select(a => $"#{a.Sequence}: ACK under Call-ID {a.Request!.CallId}")
            .ToList();
        ExpectNoLeaks([.. acks, .. CalleeLeaks.Of(run.Callee.ArrivalsSince(mark), CallIdentifiers.Of(call.Invite), run.Callee.CallIdsUpTo(mark))],
            "the ACK of the intercepted call's final response went beyond the SUT; it belongs to the SUT's server transaction and must be absorbed (RFC 3261 §17.2.1)");
    }

    public SipResponse ExpectFinalResponse()
    {
        var call = state.LastCall ?? throw new InvalidOperationException("No call was placed in this scenario.");
        Assert.That(call.Final, Is.Not.Null, $"the call got no final response within {run.Target.ResponseTimeout.TotalMilliseconds} ms");
        return call.Final!;
    }

    public async Task ExpectCalleeReachedAsync()
    {
        var invite = await run.Callee.WaitForInviteAsync(state.Callee, run.Target.ResponseTimeout);
        Assert.That(invite, Is.Not.Null, $"no INVITE for {state.Callee} reached the callee within {run.Target.ResponseTimeout.TotalMilliseconds} ms");
        state.Evidence.Record("callee received", invite!.ToString());
        Assert.That(ExpectFinalResponse().StatusCode, Is.EqualTo(200), "the callee answered 200 OK but the caller did not get it relayed");
    }

    /// <summary>Nothing of the scenario's last call, or of the bytes it sent that are not SIP, reached the callee side within the quiet period.</summary>
    public async Task ExpectCalleeNotReachedAsync()
    {
        if (state.SentGarbage is { } garbage)
        {
            await Task.Delay(run.Target.QuietPeriod);
            var arrivals = run.Callee.ArrivalsSince(garbage.Mark);
            var leaks = CalleeLeaks.OfBytes(arrivals, garbage.Bytes).Concat(CalleeLeaks.Of(arrivals, garbage.Call, run.Callee.CallIdsUpTo(garbage.Mark))).Distinct().ToList();
            ExpectNoLeaks(leaks, "bytes that are not acceptable SIP, or something made of them, reached the callee side; they must be dropped or refused");
            return;
        }

        await ExpectNothingOfCallAsync(state.LastCall ?? throw new InvalidOperationException("No call was placed in this scenario."));
    }

    /// <summary>Sends bytes that are not acceptable SIP, keeping the callee side's mark and the identifiers of the call they imitate.</summary>
    public async Task SendGarbageAsync(string realm, byte[] bytes, string description, SipRequest imitated)
    {
        var sut = run.RequireEndpoints().Realm(realm);
        state.SentGarbage = (bytes, run.Callee.Mark(), CallIdentifiers.Of(imitated));
        state.Evidence.Record($"sending to {state.Evidence.Describe(sut)}", description);
        await run.Caller.SendBytesAsync(bytes, sut, state.Evidence);
    }

    public SipRequest ForwardedInvite()
    {
        var invites = run.Callee.InvitesFor(state.Callee);
        Assert.That(invites, Is.Not.Empty, $"no INVITE for {state.Callee} reached the callee");
        return invites[0];
    }

    /// <summary>
    /// The caller's number reached the callee byte for byte as the suite sent it: the user part of the From header is
    /// read from the INVITE's bytes as sent and as received (the first INVITE for the callee after the call was sent,
    /// under its Call-ID if a proxy kept it), not from two parses by one parser.
    /// </summary>
    public void ExpectFromNumberUnchanged(CallResult call, string number)
    {
        var callee = CallIdentifiers.Of(call.Invite).CalleeNumber;
        var mark = state.CalleeMarks.TryGetValue(call.Invite.CallId!, out var m) ? m : 0;
        var forwarded = run.Callee.ArrivalsSince(mark).Where(a => a.Request is { Method: "INVITE" } r && CalleeLeaks.IsFor(r, callee)).ToList();
        Assert.That(forwarded, Is.Not.Empty, $"no INVITE for {callee} reached the callee");
        var arrival = forwarded.FirstOrDefault(a => a.Request!.CallId == call.Invite.CallId) ?? forwarded[0];
        state.Evidence.Record($"judged: the callee's arrival #{arrival.Sequence}", "its From header against the INVITE's as sent");
        var sent = RawHeaders.Values(call.SentBytes, "From");
        var received = RawHeaders.Values(arrival.Bytes, "From");
        Assert.That(sent, Has.Count.EqualTo(1), "the suite's INVITE as sent has not exactly one From header");
        Assert.That(received, Has.Count.EqualTo(1), $"the forwarded INVITE has {received.Count} From headers, not one");
        var sentUser = RawHeaders.UserPart(sent[0]);
        var receivedUser = RawHeaders.UserPart(received[0]);
        Assert.That(sentUser, Is.EqualTo(System.Text.Encoding.ASCII.GetBytes(number)), $"the suite did not send {number} in From");
        Assert.That(receivedUser, Is.EqualTo(sentUser),
            $"the From number was rewritten on the way through: sent From: {System.Text.Encoding.UTF8.GetString(sent[0])}; received From: {System.Text.Encoding.UTF8.GetString(received[0])}");
    }

    /// <summary>
    /// Retransmits the last call's INVITE <see cref="Retransmissions"/> times while its rejection is not yet
    /// acknowledged (the caller held its ACK back), and returns how many final responses came back within
    /// <see cref="RetransmissionWindow"/> (it stops counting at that many) and the last of them. RFC 3261 §17.2.1 asks the server
    /// transaction in Completed to pass the final response again for every retransmitted INVITE; after the ACK
    /// (Confirmed) it only absorbs. The server's timer G repeats the response on its own meanwhile (at T1, 3 T1, 7 T1
    /// … after the first), at most twice in any one second, so three answers within a second cannot all be timer G:
    /// the check holds whenever the suite's thread gets to run. The held ACK is sent at the end, so the server's
    /// transaction ends as it would.
    /// </summary>
    public async Task<(int Answers, SipResponse? Last)> RetransmitLastInviteAsync()
    {
        var call = state.LastCall ?? throw new InvalidOperationException("No call was placed in this scenario.");
        ExpectFinalResponse();
        var sut = run.RequireEndpoints().Realm("international");
        List<SipResponse> Finals() => run.Caller.ResponsesFor(call.Invite.CallId!).Where(r => r.CSeq?.Method == "INVITE" && r.StatusCode >= 200).ToList();
        var before = Finals().Count;
        try
        {
            var deadline = DateTimeOffset.UtcNow + RetransmissionWindow;
            for (var i = 0; i < Retransmissions; i++)
            {
                await run.Caller.RetransmitAsync(call.Invite, sut);
            }

            state.Evidence.Record("waiting", $"for {Retransmissions} more final responses within {RetransmissionWindow.TotalMilliseconds:0} ms, the ACK held back (timer G alone gives at most 2)");
            while (DateTimeOffset.UtcNow < deadline)
            {
                if (Finals() is { } finals && finals.Count - before >= Retransmissions)
                {
                    return (finals.Count - before, finals[^1]);
                }

                await Task.Delay(10);
            }

            var late = Finals();
            state.Evidence.Record("judged", $"{late.Count - before} final response(s) came back for {Retransmissions} retransmissions");
            return (late.Count - before, late.Count > before ? late[^1] : null);
        }
        finally
        {
            await run.Caller.ReleaseAckAsync(call.Invite.CallId!);
        }
    }

    /// <summary>
    /// A system of several entry points is given what is left of the second it may take for a change made through
    /// the management API to be in force at all of them; a system of one entry point is called at once.
    /// </summary>
    private async Task SettleAsync(string realm)
    {
        if (run.RequireEndpoints().EntryPointCount(realm) > 1 && Conformance.Harness.Management.ManagementWrites.Remaining() is { } left && left > TimeSpan.Zero)
        {
            state.Evidence.Record("waiting", $"{left.TotalMilliseconds:0} ms, the rest of the {Conformance.Harness.Management.ManagementWrites.PropagationAllowance.TotalSeconds} s a change may take to reach every entry point");
            await Task.Delay(left);
        }
    }

    /// <summary>The realm's entry point for the scenario's next call, round the target's addresses in order.</summary>
    public System.Net.IPEndPoint NextEntryPoint(string realm) => run.RequireEndpoints().EntryPoint(realm, state.CallsPlaced++);

    public SipRequest DraftInvite(string realm, CallSpec call) => run.Caller.CreateInvite(call, run.RequireEndpoints().Realm(realm));
}
