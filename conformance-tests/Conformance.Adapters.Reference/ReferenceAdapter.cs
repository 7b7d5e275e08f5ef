using System.Globalization;
using System.Net;
using Conformance.Harness.Adapters;
using Conformance.Harness.Stir;
using Conformance.Harness.Targets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Reference.Sip;

namespace Conformance.Adapters.Reference;

/// <summary>
/// Starts the reference node in this process on free loopback ports, its next hop pointing at the suite's
/// terminating UA. The embedded default ("adapter": "reference"): nothing to install, nothing to configure. The suite
/// is not compiled against it: the harness loads this assembly by name (<see cref="EmbeddedReferenceAdapter"/>).
/// </summary>
public sealed class ReferenceAdapter(string signallingProfile, IReadOnlyList<string> disabledRules, RuleParameters? parameters = null, WarningPeers? warningPeers = null) : ISutAdapter
{
    /// <summary>The labelling mutant: one report labels a number (reference/README.md, mutants).</summary>
    public const string LabellingThresholdMutant = "label-threshold";

    /// <summary>The STIR/SHAKEN mutant: the verifier checks no signature (reference/README.md, mutants).</summary>
    public const string StirSignatureMutant = "stir-signature";

    /// <summary>The warnings mutant: delivery receipts are ignored, so no warning SMS is ever recorded undeliverable (reference/README.md, mutants).</summary>
    public const string DeliveryReceiptMutant = "delivery-receipt";

    /// <summary>The traceback mutants: no call recorded, records naming no trunk, records kept past their retention, any role may query (reference/README.md, mutants).</summary>
    public static readonly string[] TracebackMutants = ["traceback-record", "traceback-trunk", "traceback-retention", "traceback-access"];

    /// <summary>How the suite loads it (<see cref="CustomAdapterLoader"/>): the profile, mutants and parameters from the target, the suite's warning peers as its SMSC and push sink.</summary>
    public ReferenceAdapter(TargetFile target, WarningPeers warningPeers)
        : this(target.SignallingProfile, target.DisabledRules, target.Parameters, warningPeers)
    {
    }

    private WebApplication? _app;

    // A fresh store per run keeps runs independent; a file (not ":memory:") exercises the same write-through path as a deployment.
    private readonly string _store = Path.Combine(Path.GetTempPath(), $"conformance-reference-{Guid.NewGuid():N}.db");

    public string Name => "reference";

    public async Task<SutEndpoints> StartAsync(IPEndPoint terminatingPeer, CancellationToken cancellationToken)
    {
        var args = new List<string>
        {
            "--Http:Url=http://127.0.0.1:0",
            "--Sip:Access=127.0.0.1:0",
            "--Sip:Interconnect=127.0.0.1:0",
            "--Sip:International=127.0.0.1:0",
            $"--Sip:NextHop={terminatingPeer}",
            $"--Signalling:Profile={signallingProfile}",
            "--Logging:LogLevel:Default=Warning",
            "--TestMode:Enabled=true",
            $"--Storage:Sqlite={_store}",
        };
        args.AddRange((parameters ?? new RuleParameters()).AsReferenceArguments());
        var labelling = disabledRules.Where(r => r == LabellingThresholdMutant).ToList();
        var stir = disabledRules.Where(r => r == StirSignatureMutant).ToList();
        var warnings = disabledRules.Where(r => r == DeliveryReceiptMutant).ToList();
        var traceback = disabledRules.Where(TracebackMutants.Contains).ToList();
        args.AddRange(SuiteStirCredentials.Shared.AsReferenceArguments());
        args.AddRange(stir.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"--Stir:DisabledChecks:{i}=signature")));
        args.AddRange(warnings.Select((rule, i) => string.Create(CultureInfo.InvariantCulture, $"--Warnings:DisabledRules:{i}={rule}")));
        args.AddRange(traceback.Select((rule, i) => string.Create(CultureInfo.InvariantCulture, $"--CallRecords:DisabledRules:{i}={rule}")));
        args.AddRange(disabledRules.Except(labelling).Except(stir).Except(warnings).Except(traceback).Select((rule, i) => string.Create(CultureInfo.InvariantCulture, $"--Screening:DisabledRules:{i}={rule}")));
        args.AddRange(labelling.Select((rule, i) => string.Create(CultureInfo.InvariantCulture, $"--Labelling:DisabledRules:{i}={rule}")));
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
        return new SutEndpoints(
            node.Endpoints.ToDictionary(e => e.Key.ToString().ToLowerInvariant(), e => e.Value),
            http is null ? null : new Uri(http))
        {
            ManagementToken = token,
            RoleTokens = new Dictionary<string, string>(StringComparer.Ordinal) { ["regulator"] = regulator, ["other-role"] = reporter },
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        foreach (var file in new[] { _store, _store + "-wal", _store + "-shm" })
        {
            File.Delete(file);
        }
    }
}
