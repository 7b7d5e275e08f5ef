using System.Net;
using System.Net.Sockets;
using Conformance.Harness.Adapters;
using Conformance.Harness.Evidence;
using Conformance.Harness.Labelling;
using Conformance.Harness.Management;
using Conformance.Harness.Targets;

namespace Conformance.Harness.Tests;

/// <summary>The adapter for a system started elsewhere, under either of its names: the token from the variable the target names reaches the management API and nothing records it.</summary>
public sealed class ExternalSystemAdapterTests
{
    private const string Variable = "CONFORMANCE_TEST_EXTERNAL_TOKEN";

    [TestCase(TargetFile.TargetFileAdapter)]
    [TestCase(TargetFile.GenericAdapter)]
    public async Task TheTokenFromTheNamedVariableReachesTheManagementAndLabellingClientsAndNoEvidence(string name)
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)server.LocalEndpoint).Port}/");
        var target = new TargetFile { Description = "d", Adapter = name, ManagementUrl = url, ManagementTokenVariable = Variable };
        Environment.SetEnvironmentVariable(Variable, "tf-token-9");
        try
        {
            await using var adapter = AdapterFactory.Create(target);
            var endpoints = await adapter.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), CancellationToken.None);
            var log = new EvidenceLog(TimeProvider.System);

            using var management = new ManagementClient(endpoints.Management!, endpoints.ManagementToken);
            var clockRequest = OneShotHttpServer.AnswerOnce(server, """{ "now": "2026-01-01T00:00:00Z" }""");
            await management.ClockAsync(log);
            using var labelling = new LabellingClient(endpoints.Management!, endpoints.ManagementToken);
            var lookupRequest = OneShotHttpServer.AnswerOnce(server, """{ "number": "13800000000", "labels": [] }""");
            await labelling.LookupAsync("13800000000", log);

            Assert.Multiple(async () =>
            {
                Assert.That(adapter, Is.InstanceOf<ExternalSystemAdapter>());
                Assert.That(adapter.Name, Is.EqualTo(name), "the report names the adapter as the target file did");
                Assert.That(endpoints.ManagementToken, Is.EqualTo("tf-token-9"));
                Assert.That(endpoints.ToString(), Does.Not.Contain("tf-token-9"));
                Assert.That(await clockRequest, Does.Contain("Authorization: Bearer tf-token-9"));
                Assert.That(await lookupRequest, Does.Contain("Authorization: Bearer tf-token-9"));
                Assert.That(string.Join("\n", log.Entries), Does.Not.Contain("tf-token-9"));
            });
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, null);
        }
    }

    [TestCase(TargetFile.TargetFileAdapter)]
    [TestCase(TargetFile.GenericAdapter)]
    public void AnUnsetVariableIsNamedInTheReason(string name)
    {
        var target = new TargetFile { Description = "d", Adapter = name, ManagementUrl = new Uri("http://127.0.0.1:9/"), ManagementTokenVariable = "CONFORMANCE_TEST_NEVER_SET" };

        Assert.That(async () => await new ExternalSystemAdapter(target).StartAsync(new IPEndPoint(IPAddress.Loopback, 0), CancellationToken.None),
            Throws.TypeOf<SutUnavailableException>().With.Message.Contains("CONFORMANCE_TEST_NEVER_SET").And.Message.Contains("tokenVariable"));
    }

    [Test]
    public async Task RoleKeysFromTheirVariablesReachATracebackQueryAndAnUnsetOneIsLeftOut()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var port = ((IPEndPoint)server.LocalEndpoint).Port;
        var file = Path.Combine(Path.GetTempPath(), $"role-keys-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, $$"""
            { "description": "d", "adapter": "generic",
              "realms": { "access": "127.0.0.1:5060", "interconnect": "127.0.0.1:5062", "international": "127.0.0.1:5064" },
              "management": { "url": "http://127.0.0.1:{{port}}/",
              "roleTokenVariables": { "regulator": "CONFORMANCE_TEST_REGULATOR", "other-role": "CONFORMANCE_TEST_NEVER_SET" } } }
            """);
        Environment.SetEnvironmentVariable("CONFORMANCE_TEST_REGULATOR", "regulator-key-7");
        try
        {
            var target = TargetFileLoader.Load(file);
            var endpoints = await new ExternalSystemAdapter(target).StartAsync(new IPEndPoint(IPAddress.Loopback, 0), CancellationToken.None);
            var log = new EvidenceLog(TimeProvider.System);
            using var management = new ManagementClient(endpoints.Management!, endpoints.ManagementToken);
            using var regulator = management.WithToken(endpoints.RoleTokens["regulator"]);
            var request = OneShotHttpServer.AnswerOnce(server, """{ "calls": [ { "at": "2026-01-01T00:00:00Z", "realm": "access", "trunk": "t", "enterprise": "e", "calling": "13700001234", "called": "13812345678", "origid": null, "callId": "c1", "decision": "forward", "reason": "admitted" } ] }""");
            var calls = await regulator.TracebackAsync(TracebackQuery.ByCaller("13700001234"), log);

            Assert.Multiple(async () =>
            {
                Assert.That(endpoints.RoleTokens.Keys, Is.EqualTo(new[] { "regulator" }), "an unset variable leaves its role out");
                Assert.That(await request, Does.Contain("GET /v1/traceback/calls?caller=13700001234").And.Contain("Authorization: Bearer regulator-key-7"));
                Assert.That(calls.Single(), Is.EqualTo(new TracebackCall(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), "access", "t", "e", "13700001234", "13812345678", null, "c1", "forward", "admitted")));
                Assert.That(string.Join("\n", log.Entries), Does.Not.Contain("regulator-key-7"));
            });
        }
        finally
        {
            Environment.SetEnvironmentVariable("CONFORMANCE_TEST_REGULATOR", null);
            File.Delete(file);
        }
    }

    [Test]
    public async Task NoVariableMeansNoToken()
    {
        var target = new TargetFile { Description = "d", Adapter = TargetFile.TargetFileAdapter, ManagementUrl = new Uri("http://127.0.0.1:9/") };

        var endpoints = await new ExternalSystemAdapter(target).StartAsync(new IPEndPoint(IPAddress.Loopback, 0), CancellationToken.None);

        Assert.That(endpoints.ManagementToken, Is.Null);
    }

    [Test]
    public void TheGenericNameWithoutAManagementUrlIsUnavailableAndSaysWhatIsMissing()
    {
        var target = new TargetFile { Description = "d", Adapter = TargetFile.GenericAdapter };

        Assert.That(async () => await new ExternalSystemAdapter(target).StartAsync(new IPEndPoint(IPAddress.Loopback, 0), CancellationToken.None),
            Throws.TypeOf<SutUnavailableException>().With.Message.Contains("$.management.url"));
    }
}
