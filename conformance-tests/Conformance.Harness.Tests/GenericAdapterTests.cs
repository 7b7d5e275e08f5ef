using System.Net;
using System.Net.Sockets;
using System.Text;
using Conformance.Harness.Adapters;
using Conformance.Harness.Evidence;
using Conformance.Harness.Management;
using Conformance.Harness.Targets;

namespace Conformance.Harness.Tests;

/// <summary>The generic adapter hands the management API a token read from the variable the target file names, and nothing records it.</summary>
public sealed class GenericAdapterTests
{
    private const string Variable = "CONFORMANCE_TEST_GENERIC_TOKEN";

    [Test]
    public async Task TheTokenFromTheNamedVariableIsSentAsABearerTokenAndKeptOutOfTheEvidence()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)server.LocalEndpoint).Port}/");
        var target = new TargetFile { Description = "d", Adapter = TargetFile.GenericAdapter, ManagementUrl = url, ManagementTokenVariable = Variable };
        Environment.SetEnvironmentVariable(Variable, "tok-123");
        try
        {
            await using var adapter = new GenericAdapter(target);
            var endpoints = await adapter.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), CancellationToken.None);
            using var client = new ManagementClient(endpoints.Management!, endpoints.ManagementToken);
            var log = new EvidenceLog(TimeProvider.System);

            var request = OneShotHttpServer.AnswerOnce(server, """{ "now": "2026-01-01T00:00:00Z" }""");
            var now = await client.ClockAsync(log);
            var received = await request;

            Assert.Multiple(() =>
            {
                Assert.That(now, Is.EqualTo(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
                Assert.That(received, Does.Contain("Authorization: Bearer tok-123"));
                Assert.That(string.Join("\n", log.Entries), Does.Not.Contain("tok-123"));
                Assert.That(endpoints.ToString(), Does.Not.Contain("tok-123"));
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
        var target = new TargetFile { Description = "d", Adapter = TargetFile.GenericAdapter, ManagementUrl = new Uri("http://127.0.0.1:9/"), ManagementTokenVariable = "CONFORMANCE_TEST_NEVER_SET" };

        Assert.That(async () => await new GenericAdapter(target).StartAsync(new IPEndPoint(IPAddress.Loopback, 0), CancellationToken.None),
            Throws.TypeOf<SutUnavailableException>().With.Message.Contains("CONFORMANCE_TEST_NEVER_SET"));
    }
}
