using Conformance.Harness;
using Conformance.Harness.Adapters;
using Conformance.Harness.Labelling;
using Conformance.Harness.Management;
using Conformance.Harness.Push;
using Conformance.Harness.Calls;
using Conformance.Harness.ShortMessages;
using Conformance.Harness.Targets;
using Conformance.Reporting;

namespace Conformance.Specs.Support;

/// <summary>Everything one test run shares: the target, the SUT reached through its adapter, the suite's SIP peers, the outcomes.</summary>
public sealed class SuiteRun : IAsyncDisposable
{
    private readonly List<ScenarioOutcome> _outcomes = [];
    private readonly List<OriginatingUa> _trunkPeers = [];
    private ManagementClient? _management;
    private LabellingClient? _labelling;

    private SuiteRun(TargetFile target, ISutAdapter adapter, OriginatingUa caller, TerminatingUa callee, SutEndpoints? endpoints, string? unavailable)
    {
        Target = target;
        Adapter = adapter;
        Caller = caller;
        Callee = callee;
        Endpoints = endpoints;
        Unavailable = unavailable;
    }

    public static SuiteRun? Current { get; private set; }

    /// <summary>
    /// Raised before the first scenario: the OPTIONS probe's findings, and why the run stops there (the adapter could
    /// not start, or nothing of the system answered), null when it goes on. For runners that show progress.
    /// </summary>
    public static event Action<IReadOnlyList<RealmProbe>, string?>? Probed;

    /// <summary>Raised as each scenario's verdict is known, for runners that show progress.</summary>
    public static event Action<ScenarioOutcome>? ScenarioRecorded;

    public TargetFile Target { get; }

    public ISutAdapter Adapter { get; }

    public OriginatingUa Caller { get; }

    public TerminatingUa Callee { get; }

    /// <summary>Null when the adapter could not start or find the SUT; every scenario is then inconclusive.</summary>
    public SutEndpoints? Endpoints { get; }

    /// <summary>The suite's SMSC, to which the SUT sends warning SMS.</summary>
    public required SuiteSmsc Smsc { get; init; }

    /// <summary>The suite's app-push endpoint.</summary>
    public required PushSink Push { get; init; }

    public string? Unavailable { get; }

    /// <summary>The only scenarios to run (<see cref="ScenarioKey"/>) when the CLI reruns failed ones; null runs all that NUnit selects.</summary>
    public IReadOnlySet<string>? RerunOnly { get; } = SuiteEnvironment.RerunPath is { } rerun ? RerunFile.Read(rerun) : null;

    /// <summary>The SUT's management API, at the address its adapter reported.</summary>
    public ManagementClient RequireManagement()
    {
        var endpoints = RequireEndpoints();
        var url = endpoints.Management
            ?? throw new SutUnavailableException("the target declares no management API; add \"management\": { \"url\": \"http://…\" } to the target file");
        lock (_outcomes)
        {
            return _management ??= new ManagementClient(url, endpoints.ManagementToken);
        }
    }

    /// <summary>
    /// Opens an originating UA to play one provisioned trunk (a trunk is known by its source ip:port). It stays open
    /// until the run ends: were it closed, the port could be handed to a later scenario's trunk while the SUT
    /// still holds the first trunk at that address.
    /// </summary>
    public OriginatingUa OpenTrunkPeer()
    {
        var ua = new OriginatingUa(new System.Net.IPEndPoint(Target.OriginatingPeer.Address, 0));
        lock (_trunkPeers)
        {
            _trunkPeers.Add(ua);
        }

        return ua;
    }

    /// <summary>The labelling and appeal endpoints of the SUT's management API.</summary>
    public LabellingClient RequireLabelling()
    {
        var endpoints = RequireEndpoints();
        var url = endpoints.Management
            ?? throw new SutUnavailableException("the target declares no management API; add \"management\": { \"url\": \"http://…\" } to the target file");
        lock (_outcomes)
        {
            return _labelling ??= new LabellingClient(url, endpoints.ManagementToken);
        }
    }

    public SutEndpoints RequireEndpoints() =>
        Endpoints ?? throw new SutUnavailableException($"the system under test is unavailable: {Unavailable}");

    public static async Task<SuiteRun> StartAsync()
    {
        var target = SuiteEnvironment.TargetPath is { } path ? TargetFileLoader.Load(path) : TargetFile.EmbeddedReference;
        if (File.Exists(Hooks.PicsCheck.ProformaPath))
        {
            target = ReferencePics.Complete(target, PicsProforma.Load(Hooks.PicsCheck.ProformaPath));
        }

        var started = new List<IAsyncDisposable>();
        TerminatingUa callee;
        OriginatingUa caller;
        SuiteSmsc smsc;
        PushSink push;
        try
        {
            callee = Kept(started, await SuitePeerStart.Listen("$.peers.terminating", target.TerminatingPeer, () => new TerminatingUa(target.TerminatingPeer)));
            caller = Kept(started, await SuitePeerStart.Listen("$.peers.originating", target.OriginatingPeer, () => new OriginatingUa(target.OriginatingPeer)));
            smsc = Kept(started, new SuiteSmsc(bindTo: target.SmscPeer));
            await SuitePeerStart.Listen("$.peers.smsc", target.SmscPeer, () => { smsc.Start(); return smsc; });
            push = Kept(started, new PushSink(bindTo: target.PushPeer));
            await SuitePeerStart.ListenAsync("$.peers.push", target.PushPeer, async () => { await push.StartAsync(); return push; });
        }
        catch
        {
            // The peers already listening let go of their ports, so a second run in this process can take them.
            foreach (var peer in started)
            {
                await peer.DisposeAsync();
            }

            throw;
        }

        var adapter = AdapterFactory.Create(target, new WarningPeers(smsc.EndPoint, push.Url));
        SutEndpoints? endpoints = null;
        string? unavailable = null;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            endpoints = await adapter.StartAsync(callee.LocalEndPoint, timeout.Token);
        }
        catch (Exception ex) when (ex is not TargetFileException)
        {
            unavailable = $"adapter '{adapter.Name}' could not start: {ex.Message}";
        }

        if (endpoints is not null && await ParametersPush.RefusalAsync(target, endpoints) is { } refused)
        {
            (endpoints, unavailable) = (null, refused);
        }

        Current = new SuiteRun(target, adapter, caller, callee, endpoints, unavailable) { Smsc = smsc, Push = push };
        return Current;
    }

    private static T Kept<T>(List<IAsyncDisposable> started, T peer)
        where T : IAsyncDisposable
    {
        started.Add(peer);
        return peer;
    }

    /// <summary>
    /// Asks every realm what it advertises and compares it with the PICS; the results go to the run's output folder
    /// for the report. Nothing is probed when the SUT is unavailable: every scenario is inconclusive anyway.
    /// </summary>
    public async Task<IReadOnlyList<RealmProbe>> ProbeAsync(string proformaPath)
    {
        if (Endpoints is null)
        {
            return [];
        }

        var probe = new OptionsProbe(PicsProforma.Load(proformaPath), Target.Pics);
        var probes = await probe.ProbeAsync(Endpoints.Realms, Target.OriginatingPeer.Address, Target.ResponseTimeout);
        OptionsProbeFile.Write(SuiteEnvironment.OutDirectory, probes);
        return probes;
    }

    /// <summary>Why the run cannot go on, once probed: the adapter's failure, or what of the system did not answer; null when it can.</summary>
    public async Task<string?> StopReasonAsync(IReadOnlyList<RealmProbe> probes)
    {
        var reason = Endpoints is null ? $"the system under test is unavailable: {Unavailable}" : await Reachability.WhatDidNotAnswerAsync(Endpoints, probes, Target.ResponseTimeout);
        Probed?.Invoke(probes, reason);
        return reason;
    }

    public void Record(ScenarioOutcome outcome)
    {
        lock (_outcomes)
        {
            _outcomes.Add(outcome);
        }

        ScenarioRecorded?.Invoke(outcome);
    }

    public async ValueTask DisposeAsync()
    {
        lock (_outcomes)
        {
            ScenarioOutcomeFile.Write(SuiteEnvironment.OutDirectory, _outcomes);
        }

        _management?.Dispose();
        foreach (var peer in _trunkPeers)
        {
            await peer.DisposeAsync();
        }

        _labelling?.Dispose();
        await Adapter.DisposeAsync();
        await Caller.DisposeAsync();
        await Callee.DisposeAsync();
        await Smsc.DisposeAsync();
        await Push.DisposeAsync();
        Current = null;
    }
}
