using System.Net;

namespace Conformance.Harness.Targets;

/// <summary>
/// The target file (PIXIT): which system is tested, through which adapter, where it listens, where the suite's
/// peers must listen, the signalling profile, the timeouts and the capabilities declared.
/// </summary>
public sealed record TargetFile
{
    public const string ReferenceAdapter = "reference";
    public const string TargetFileAdapter = "target-file";
    public const string GenericAdapter = "generic";

    public required string Description { get; init; }

    public required string Adapter { get; init; }

    public string? Vendor { get; init; }

    public string? Product { get; init; }

    public string? Version { get; init; }

    public string SignallingProfile { get; init; } = "atis-603plus";

    /// <summary>Where the system under test listens, per realm (target-file adapter only); the first address when several are listed.</summary>
    public IReadOnlyDictionary<string, IPEndPoint> Realms { get; init; } = new Dictionary<string, IPEndPoint>();

    /// <summary>
    /// Every address listed per realm, in order: the entry points of a system that runs as several nodes. Scenarios
    /// that count calls spread them over these, so that a system keeping its counts per node fails them.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<IPEndPoint>> EntryPoints { get; init; } = new Dictionary<string, IReadOnlyList<IPEndPoint>>();

    /// <summary>Where the suite's terminating UA listens; the SUT must send admitted calls there. Port 0: any free port.</summary>
    public IPEndPoint TerminatingPeer { get; init; } = new(IPAddress.Loopback, 0);

    public IPEndPoint OriginatingPeer { get; init; } = new(IPAddress.Loopback, 0);

    /// <summary>Where the suite's SMSC listens; the SUT must bind to it as an ESME to send warning SMS. Port 0: any free port.</summary>
    public IPEndPoint SmscPeer { get; init; } = new(IPAddress.Loopback, 0);

    /// <summary>Where the suite's push sink listens (path /push); the SUT must post app pushes there. Port 0: any free port.</summary>
    public IPEndPoint PushPeer { get; init; } = new(IPAddress.Loopback, 0);

    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the suite listens for a message that must not arrive (a forwarded INVITE of an intercepted call).</summary>
    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromMilliseconds(300);

    public IReadOnlyDictionary<string, bool> Pics { get; init; } = new Dictionary<string, bool>();

    /// <summary>
    /// Numbers the lab provisioned by hand (a do-not-originate number, a roaming subscriber), for a system without the
    /// standard management API: the scenarios that would provision them use these instead of being inconclusive.
    /// </summary>
    public IReadOnlyDictionary<string, string> Pixit { get; init; } = new Dictionary<string, string>();

    /// <summary>Rules of the embedded reference switched off, to prove the suite notices (reference adapter only).</summary>
    public IReadOnlyList<string> DisabledRules { get; init; } = [];

    /// <summary>Faults a proxy between the suite and the embedded reference adds (reference adapter only; Conformance.FaultProxy).</summary>
    public IReadOnlyList<string> Faults { get; init; } = [];

    /// <summary>Base URL of the SUT's management API (target-file adapter; the reference adapter finds its own).</summary>
    public Uri? ManagementUrl { get; init; }

    /// <summary>Where the system's public portal is served ($.web.url); null for a system without one (PICS WEB-PORTAL false).</summary>
    public Uri? WebUrl { get; init; }

    /// <summary>Full path of the assembly holding the portal's page-object adapter ($.web.pages); null: the standard markup.</summary>
    public string? WebPages { get; init; }

    /// <summary>Name of the environment variable holding the management API's bearer token; the file never holds the secret.</summary>
    public string? ManagementTokenVariable { get; init; }

    /// <summary>
    /// Environment variables holding keys of further roles ($.management.roleTokenVariables): "regulator",
    /// "other-role" (a key of any role refused what the regulator and the carrier's operator may do), and "reporter"
    /// and "another-reporter" (two public reporters' keys, for who may follow a ticket).
    /// </summary>
    public IReadOnlyDictionary<string, string> RoleTokenVariables { get; init; } = new Dictionary<string, string>();

    /// <summary>Full path of the custom adapter assembly when "adapter" is a path to a .dll; null otherwise.</summary>
    public string? AdapterAssembly { get; init; }

    public RuleParameters Parameters { get; init; } = new();

    /// <summary>Full path of the known-deviations file the target names ($.deviations, relative to the target file); --deviations overrides it.</summary>
    public string? DeviationsPath { get; init; }
    /// <summary>STIR/SHAKEN credentials of a system tested apart; null: the suite makes its own (embedded reference).</summary>
    public StirSettings? Stir { get; init; }

    public string SourcePath { get; init; } = "(built-in)";

    public static TargetFile EmbeddedReference { get; } = new()
    {
        Description = "Reference implementation (embedded)",
        Adapter = ReferenceAdapter,
        Vendor = "Conformance project",
        Product = "reference screening node",
    };
}
