using System.Globalization;
using System.Net;
using Conformance.FaultProxy;
using Conformance.Harness.Adapters;
using Conformance.Harness.Stir;
using Conformance.Harness.Targets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Reference.Signalling;

namespace Conformance.Adapters.Reference;

/// <summary>
/// Starts the reference node in this process on free loopback ports, its next hop pointing at the suite's
/// terminating UA. The embedded default ("adapter": "reference"): nothing to install, nothing to configure. The suite
/// is not compiled against it: the harness loads this assembly by path from its plug-in folder (<see cref="EmbeddedReferenceAdapter"/>).
/// </summary>
/// <remarks>
/// Mutants (reference/README.md): <c>disabledRules</c> go to the node's <c>Mutants</c> list, which it routes to the
/// section that knows each name; <c>faults</c> put a <see cref="FaultInjectingProxy"/> between the suite and the node.
/// </remarks>
public sealed class ReferenceAdapter(string signallingProfile, IReadOnlyList<string> disabledRules, RuleParameters? parameters = null, WarningPeers? warningPeers = null, IReadOnlyList<string>? faults = null) : ISutAdapter
{
    /// <summary>How the suite loads it (<see cref="CustomAdapterLoader"/>): the profile, mutants and parameters from the target, the suite's warning peers as its SMSC and push sink.</summary>
    public ReferenceAdapter(TargetFile target, WarningPeers warningPeers)
        : this(target.SignallingProfile, target.DisabledRules, target.Parameters, warningPeers, target.Faults)
    {
    }

    /// <summary>How a test starts the node as a system apart (through <see cref="AdapterFactory"/>): no warning peers of the suite.</summary>
    public ReferenceAdapter(TargetFile target)
        : this(target.SignallingProfile, target.DisabledRules, target.Parameters, null, target.Faults)
    {
    }

    private WebApplication? _app;
    private FaultInjectingProxy? _proxy;

    // A fresh store per run keeps runs independent; a file (not ":memory:") exercises the same write-through path as a deployment.
    private readonly string _store = Path.Combine(Path.GetTempPath(), $"conformance-reference-{Guid.NewGuid():N}.db");

    public string Name => "reference";

    public async Task<SutEndpoints> StartAsync(IPEndPoint terminatingPeer, CancellationToken cancellationToken)
    {
        _proxy = faults is { Count: > 0 } ? new FaultInjectingProxy(["access", "interconnect", "international"], faults) : null;
        var nextHop = _proxy?.NextHop ?? terminatingPeer;
        var args = new List<string>
        {
            "--Http:Url=http://127.0.0.1:0",
            "--Sip:Access=127.0.0.1:0",
            "--Sip:Interconnect=127.0.0.1:0",
            "--Sip:International=127.0.0.1:0",
            $"--Sip:NextHop={nextHop}",
            $"--Signalling:Profile={signallingProfile}",
            "--Logging:LogLevel:Default=Warning",
            "--TestMode:Enabled=true",
            $"--Storage:Sqlite={_store}",
        };
        // A node behind a proxy that ignores PUT /v1/parameters must not have been given the lab's values at start either.
        if (_proxy?.Active.Contains(Faults.IgnoreParameters) != true)
        {
            args.AddRange((parameters ?? new RuleParameters()).AsReferenceArguments());
        }

        args.AddRange(SuiteStirCredentials.Shared.AsReferenceArguments());
        args.AddRange(disabledRules.Select((rule, i) => string.Create(CultureInfo.InvariantCulture, $"--Mutants:{i}={rule}")));
        args.AddRange(warningPeers?.AsReferenceArguments() ?? []);
        _app = global::Reference.ReferenceApp.Build(args.ToArray());
        await _app.StartAsync(cancellationToken);
        var node = _app.Services.GetRequiredService<SipNode>();
        var http = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        // The suite provisions and decides appeals as a lab would: one key with the carrier operator's and the appeal desk's roles.
        var keys = _app.Services.GetRequiredService<global::Reference.Access.ApiKeyBook>();
        var (_, token) = keys.Issue([global::Reference.Access.Role.CarrierOperator, global::Reference.Access.Role.AppealDesk], "conformance-suite", DateTimeOffset.UtcNow);
        // Keys of further roles for the scenarios about who may query call records: the regulator may, a reporter's app may not.
        var (_, regulator) = keys.Issue([global::Reference.Access.Role.Regulator], "conformance-suite-regulator", DateTimeOffset.UtcNow);
        var (_, reporter) = keys.Issue([global::Reference.Access.Role.PublicReporter], "conformance-suite-reporter", DateTimeOffset.UtcNow);
        // And another carrier's operator, for the joint-discipline list the carriers share.
        var (_, otherCarrier) = keys.Issue([global::Reference.Access.Role.CarrierOperator], "conformance-suite-other-carrier", DateTimeOffset.UtcNow);
        // Two public reporters' app keys, for the scenarios about who may follow a ticket (REP-ACL).
        var (_, appReporter) = keys.Issue([global::Reference.Access.Role.PublicReporter], "conformance-suite-app-reporter", DateTimeOffset.UtcNow);
        var (_, anotherReporter) = keys.Issue([global::Reference.Access.Role.PublicReporter], "conformance-suite-another-reporter", DateTimeOffset.UtcNow);
        var roleTokens = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["regulator"] = regulator,
            ["other-role"] = reporter,
            ["reporter"] = appReporter,
            ["another-reporter"] = anotherReporter,
            ["other-carrier"] = otherCarrier,
        };
        var realms = node.Endpoints.ToDictionary(e => e.Key.ToString().ToLowerInvariant(), e => e.Value);
        var management = http is null ? null : new Uri(http);
        if (_proxy is null)
        {
            return new SutEndpoints(realms, management) { ManagementToken = token, RoleTokens = roleTokens, Web = management };
        }

        await _proxy.StartAsync(realms, management, terminatingPeer, cancellationToken);
        return new SutEndpoints(_proxy.Realms, _proxy.Management) { ManagementToken = token, RoleTokens = roleTokens, Web = _proxy.Management };
    }

    public async ValueTask DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        // The call-record journal sits beside the store (64 MB): leaving it fills a runner's disk.
        foreach (var file in new[] { _store, _store + "-wal", _store + "-shm", _store + "-calls" })
        {
            File.Delete(file);
        }
    }
}
