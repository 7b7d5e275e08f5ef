using Sip.Transactions;

namespace Sip.Proxy;

/// <summary>
/// RFC 3261 §16.7: what a stateful proxy keeps for one forwarded request. Provisional responses (but 100) are relayed
/// upstream at once; a 2xx or 6xx at once; other finals wait until every branch has one, then the best goes
/// (<see cref="BestResponse"/>). A branch that timed out counts as 408, one the transport failed as 503 (§16.9).
/// A CANCEL from upstream (§16.10) is passed to every branch that has had a provisional response, and to the others
/// as soon as they get one (§9.1). Timer C bounds how long an INVITE may ring (§16.6 step 11).
/// </summary>
internal sealed class ResponseContext : IDisposable, IBarrierWaiter, ITimerTarget
{
    // The one timer of a context, by what it is armed for: the shot names it, so arming makes no delegate.
    private const int TimerC = 0;
    private const int GivingUp = 1;
    private const int Trying = 2;

    private readonly StatefulProxy _proxy;
    private readonly ServerEntry _server;
    private readonly List<ProxyBranch> _branches = [];
    private readonly Lock _gate = new();
    private readonly ResponseHold? _hold;
    private SipResponse? _best;
    private SipResponse? _heldFinal;
    private bool _finalSent;
    private bool _cancelled;
    private bool _timerCFired;

    // §17.2.1: the caller gets 100 Trying only when nothing answers the INVITE within TryingAfter (a relayed
    // provisional or final response stops its retransmissions as well), so a callee that answers at once costs no send.
    private bool _tryingDue;
    // The one timer armed at a time (C, giving up, or 100 Trying), inline and reused.
    private TimerShot _timer;

    /// <param name="hold">What the final response waits for before it goes upstream (the policy's, see <see cref="ProxyDecision.Hold"/>).</param>
    public ResponseContext(StatefulProxy proxy, ServerEntry server, SipRequest original, ResponseHold? hold = null)
    {
        _proxy = proxy;
        _server = server;
        Original = original;
        _hold = hold;
        _tryingDue = IsInvite && proxy.Options.TryingAfter > TimeSpan.Zero;
    }

    /// <summary>The request as received, for the responses the proxy generates itself.</summary>
    public SipRequest Original { get; }

    private bool IsInvite => Original.Kind == SipMethod.Invite;

    public void Add(ProxyBranch branch)
    {
        lock (_gate)
        {
            _branches.Add(branch);
            if (_tryingDue)
            {
                Rearm(_proxy.Options.TryingAfter, Trying);
            }
            else if (IsInvite)
            {
                ArmTimerC();
            }
        }
    }

    /// <summary>A response a branch's client transaction let through (its own Via still on top).</summary>
    public void OnResponse(ProxyBranch branch, SipResponse response)
    {
        response.Headers.RemoveFirstValue(HeaderNames.Via);
        var relayStateless = false;
        lock (_gate)
        {
            if (response.IsProvisional)
            {
                branch.Provisional = true;
                if (_cancelled && !branch.CancelSent)
                {
                    SendCancel(branch);
                }

                if (response.StatusCode == 100 || _finalSent)
                {
                    // Not relayed, so nothing here or in the client transaction reads it again.
                    response.Release();
                    return;
                }

                _tryingDue = false;
                if (!_cancelled && !_timerCFired)
                {
                    ArmTimerC();
                }

                Relay(response);
                return;
            }

            if (branch.Final is not null || _finalSent)
            {
                // §16.7 step 5: every 2xx to an INVITE goes upstream, even after the context chose another final.
                relayStateless = response.StatusCode is >= 200 and < 300 && IsInvite;
            }
            else
            {
                branch.Final = response;
                if (response.StatusCode is >= 200 and < 300 || response.StatusCode >= 600)
                {
                    Finish(response);
                }
                else
                {
                    _best = BestResponse.Better(_best, response);
                    FinishWhenAllAnswered();
                }
            }
        }

        if (relayStateless)
        {
            _proxy.Stateless.RelayUpstream(response, branch.Leg);
            response.Release();
        }
    }

    /// <summary>A branch's client transaction ended; without a final response that is a timeout or a transport failure.</summary>
    public void OnBranchEnded(ProxyBranch branch)
    {
        lock (_gate)
        {
            if (branch.Final is not null)
            {
                return;
            }

            branch.Final = Generated(branch);
            _best = BestResponse.Better(_best, branch.Final);
            FinishWhenAllAnswered();
        }
    }

    /// <summary>A CANCEL for the request arrived from upstream (and was answered 200).</summary>
    public void Cancel()
    {
        lock (_gate)
        {
            if (_finalSent || _cancelled || !IsInvite)
            {
                return;
            }

            _cancelled = true;
            foreach (var branch in _branches)
            {
                if (branch.Provisional && branch.Final is null && !branch.CancelSent)
                {
                    SendCancel(branch);
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            StopTimer();
        }
    }

    private void SendCancel(ProxyBranch branch)
    {
        branch.CancelSent = true;
        _proxy.Clients.SendCancel(branch);

        // §9.1: a branch that does not answer a CANCEL within 64·T1 is considered cancelled.
        _tryingDue = false;
        Rearm(_proxy.Options.Timers.Timeout, GivingUp);
    }

    private void ArmTimerC() => Rearm(_proxy.Options.TimerC, TimerC);

    /// <summary>Nothing answered the INVITE within <see cref="ProxyOptions.TryingAfter"/>: the caller is told to stop retransmitting, and timer C runs.</summary>
    private void OnTrying()
    {
        lock (_gate)
        {
            if (_finalSent || !_tryingDue)
            {
                return;
            }

            _tryingDue = false;
            _server.Respond(SipResponse.For(Original, 100));
            if (!_cancelled && !_timerCFired)
            {
                ArmTimerC();
            }
        }
    }

    private void OnTimerC()
    {
        List<ProxyBranch> abandoned = [];
        lock (_gate)
        {
            if (_finalSent)
            {
                return;
            }

            _timerCFired = true;
            foreach (var branch in _branches.Where(b => b.Final is null))
            {
                if (branch.Provisional)
                {
                    // The callee rang too long: cancel it and wait 64·T1 for its final response.
                    if (!branch.CancelSent)
                    {
                        SendCancel(branch);
                    }
                }
                else
                {
                    branch.Final = Generated(branch);
                    _best = BestResponse.Better(_best, branch.Final);
                    abandoned.Add(branch);
                }
            }

            FinishWhenAllAnswered();
        }

        foreach (var branch in abandoned)
        {
            _proxy.Clients.Abandon(branch);
        }
    }

    private void GiveUp()
    {
        List<ProxyBranch> abandoned;
        lock (_gate)
        {
            if (_finalSent)
            {
                return;
            }

            abandoned = _branches.Where(b => b.Final is null).ToList();
            foreach (var branch in abandoned)
            {
                branch.Final = Generated(branch);
                _best = BestResponse.Better(_best, branch.Final);
            }

            FinishWhenAllAnswered();
        }

        foreach (var branch in abandoned)
        {
            _proxy.Clients.Abandon(branch);
        }
    }

    /// <summary>The final response a branch is deemed to have sent when it sent none (§16.7 step 10, §16.9, §9.1).</summary>
    private SipResponse Generated(ProxyBranch branch)
    {
        if (branch.TransportFailed)
        {
            _proxy.Counters.CountNextHopFailure();
            return SipResponse.For(Original, 503);
        }

        if (_cancelled)
        {
            return SipResponse.For(Original, 487);
        }

        _proxy.Counters.CountTimedOut();
        return SipResponse.For(Original, 408);
    }

    private void FinishWhenAllAnswered()
    {
        if (_best is not null && _branches.TrueForAll(b => b.Final is not null))
        {
            Finish(_best);
        }
    }

    private void Finish(SipResponse response)
    {
        if (_finalSent)
        {
            return;
        }

        _finalSent = true;
        StopTimer();
        var upstream = UpstreamForm(response);

        // The server transaction lingers (timer J is 32 s over UDP) to answer retransmissions with its own copy of
        // the response; the requests and branches held here are not needed for that, so they are let go now.
        _server.Context = null;
        if (_hold is { } hold)
        {
            _heldFinal = upstream;
            if (!hold.PassOrWait(this))
            {
                return;
            }

            _heldFinal = null;
        }

        Relay(upstream);
    }

    /// <summary>The barrier passed the request's ticket: the final response held in <see cref="Finish"/> goes upstream.</summary>
    void IBarrierWaiter.Release()
    {
        lock (_gate)
        {
            if (_heldFinal is { } final)
            {
                _heldFinal = null;
                Relay(final);
            }
        }
    }

    /// <summary>
    /// §16.7 step 6: a 503 from downstream says that hop is unavailable, not this proxy, so it goes upstream as 500.
    /// A 503 this proxy generated because its next hop cannot be reached stays 503: with one next hop, no request can be served.
    /// </summary>
    private SipResponse UpstreamForm(SipResponse response)
    {
        if (response.StatusCode != 503 || _branches.Exists(b => ReferenceEquals(b.Final, response) && b.TransportFailed))
        {
            return response;
        }

        var converted = new SipResponse { StatusCode = 500, ReasonPhrase = ReasonPhrases.For(500), Headers = response.Headers.Clone(), Body = response.Body };
        converted.Headers.RemoveAll(HeaderNames.RetryAfter);
        return converted;
    }

    /// <summary>Tells the policy first: the server transaction owns the response once relayed and may release it at once (a 2xx ends it).</summary>
    private void Relay(SipResponse response)
    {
        _proxy.Policy.OnResponseRelayed(response);
        _server.Relay(response);
    }

    private void Rearm(TimeSpan due, int timer)
    {
        _proxy.Wheel.Schedule(due, this, timer);
        _timer.Pending = true;
    }

    ref TimerShot ITimerTarget.ShotOf(int id) => ref _timer;

    void ITimerTarget.Fire(int id, int generation)
    {
        lock (_gate)
        {
            if (!_timer.Pending || _timer.Generation != generation)
            {
                return;
            }

            _timer.Pending = false;
        }

        switch (id)
        {
            case TimerC:
                OnTimerC();
                break;
            case GivingUp:
                GiveUp();
                break;
            case Trying:
                OnTrying();
                break;
        }
    }

    private void StopTimer()
    {
        if (_timer.Pending)
        {
            _proxy.Wheel.Cancel(this, 0);
            _timer.Pending = false;
        }
    }
}
