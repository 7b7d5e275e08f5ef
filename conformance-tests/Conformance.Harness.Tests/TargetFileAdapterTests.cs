using System.Net;
using System.Net.Sockets;
using Conformance.Harness.Adapters;
using Conformance.Harness.Evidence;
using Conformance.Harness.Labelling;
using Conformance.Harness.Management;
using Conformance.Harness.Targets;

namespace Conformance.Harness.Tests;

/// <summary>The target-file adapter honours $.management.tokenVariable as the generic adapter does.</summary>
public sealed class TargetFileAdapterTests
{
    private const string Variable = "CONFORMANCE_TEST_TARGET_FILE_TOKEN";

    [Test]
    public async Task TheTokenFromTheNamedVariableReachesTheManagementAndLabellingClientsAndNoEvidence()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)server.LocalEndpoint).Port}/");
        var target = new TargetFile { Description = "d", Adapter = TargetFile.TargetFileAdapter, ManagementUrl = url, ManagementTokenVariable = Variable };
        Environment.SetEnvironmentVariable(Variable, "tf-token-9");
        try
        {
            await using var adapter = new TargetFileAdapter(target);
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
                Assert.That(endpoints.ManagementToken, Is.EqualTo("tf-token-9"));
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

    [Test]
    public void AnUnsetVariableIsNamedInTheReason()
    {
        var target = new TargetFile { Description = "d", Adapter = TargetFile.TargetFileAdapter, ManagementUrl = new Uri("http://127.0.0.1:9/"), ManagementTokenVariable = "CONFORMANCE_TEST_NEVER_SET" };

        Assert.That(async () => await new TargetFileAdapter(target).StartAsync(new IPEndPoint(IPAddress.Loopback, 0), CancellationToken.None),
            Throws.TypeOf<SutUnavailableException>().With.Message.Contains("CONFORMANCE_TEST_NEVER_SET").And.Message.Contains("tokenVariable"));
    }

    [Test]
    public async Task NoVariableMeansNoToken()
    {
        var target = new TargetFile { Description = "d", Adapter = TargetFile.TargetFileAdapter, ManagementUrl = new Uri("http://127.0.0.1:9/") };

        var endpoints = await new TargetFileAdapter(target).StartAsync(new IPEndPoint(IPAddress.Loopback, 0), CancellationToken.None);

        Assert.That(endpoints.ManagementToken, Is.Null);
    }
}
