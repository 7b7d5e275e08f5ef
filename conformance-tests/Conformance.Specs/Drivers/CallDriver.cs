using Conformance.Harness.Adapters;
using Conformance.Harness.Sip;
using Conformance.Specs.Support;
using global::Sip;
using NUnit.Framework;

namespace Conformance.Specs.Drivers;

/// <summary>Places calls into a realm of the SUT and judges what comes back and what reaches the callee.</summary>
public sealed class CallDriver(SuiteRun run, ScenarioState state)
{
    public async Task<CallResult> PlaceCallAsync(string realm, CallSpec call)
    {
        var sut = run.RequireEndpoints().Realm(realm);
        var invite = run.Caller.CreateInvite(call, sut);
        var result = await run.Caller.CallAsync(invite, sut, state.Evidence, run.Target.ResponseTimeout);
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
        var sut = run.RequireEndpoints().Realm(Realms.Access);
        var invite = trunk.Ua.CreateInvite(call, sut);
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
        run.Callee.RingWithoutAnswer(call.CalleeNumber);
        var sut = run.RequireEndpoints().Realm(realm);
        var invite = run.Caller.CreateInvite(call, sut);
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

    /// <summary>The call got a blocking final response and its INVITE did not reach the callee within the quiet period.</summary>
    public async Task ExpectBlockedAsync(CallResult call, InterceptionExpectations interception)
    {
        Assert.That(call.Final, Is.Not.Null, $"the call got no final response within {run.Target.ResponseTimeout.TotalMilliseconds} ms");
        interception.ExpectBlockingResponse(call.Final!);
        var callee = SipUri.TryParse(call.Invite.RequestUri, out var uri) ? uri.Number ?? string.Empty : string.Empty;
        await Task.Delay(run.Target.QuietPeriod);
        Assert.That(run.Callee.InvitesFor(callee).Any(r => r.CallId == call.Invite.CallId), Is.False, $"the INVITE {call.Invite.CallId} reached the callee; an intercepted call must never be forwarded");
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

    public async Task ExpectCalleeNotReachedAsync()
    {
        var invite = await run.Callee.WaitForInviteAsync(state.Callee, run.Target.QuietPeriod);
        if (invite is not null)
        {
            state.Evidence.Record("callee received (must not have)", invite.ToString());
        }

        Assert.That(invite, Is.Null, $"an INVITE for {state.Callee} reached the callee; an intercepted call must never be forwarded");
    }

    public SipRequest ForwardedInvite()
    {
        var invites = run.Callee.InvitesFor(state.Callee);
        Assert.That(invites, Is.Not.Empty, $"no INVITE for {state.Callee} reached the callee");
        return invites[0];
    }

    public async Task<SipResponse?> RetransmitLastInviteAsync()
    {
        var call = state.LastCall ?? throw new InvalidOperationException("No call was placed in this scenario.");
        var sut = run.RequireEndpoints().Realm("international");
        var before = run.Caller.ResponsesFor(call.Invite.CallId!).Count(r => r.StatusCode >= 200);
        state.Evidence.Record($"retransmitted to {sut}", call.Invite.ToString());
        await run.Caller.RetransmitAsync(call.Invite, sut);
        var deadline = DateTime.UtcNow + run.Target.ResponseTimeout;
        while (DateTime.UtcNow < deadline)
        {
            var finals = run.Caller.ResponsesFor(call.Invite.CallId!).Where(r => r.StatusCode >= 200).ToList();
            if (finals.Count > before)
            {
                return finals[^1];
            }

            await Task.Delay(20);
        }

        return null;
    }

    public async Task SendBytesAsync(string realm, byte[] bytes, string description)
    {
        var sut = run.RequireEndpoints().Realm(realm);
        state.Evidence.Record($"sent to {sut}: {description}", System.Text.Encoding.UTF8.GetString(bytes));
        await run.Caller.SendBytesAsync(bytes, sut);
    }

    public SipRequest DraftInvite(string realm, CallSpec call) => run.Caller.CreateInvite(call, run.RequireEndpoints().Realm(realm));
}
