using System.Net;
using System.Text;
using Reference.Access;

namespace Reference.Tests.Access;

/// <summary>
/// Every operation of spec/api/openapi.yaml, called with no key, an unknown key and a key of each role: the roles in
/// its x-roles get past access control, every other caller is refused (401 with WWW-Authenticate: Bearer without a
/// known key, 403 with a known key of another role), both as problem+json. The document is the table; a test beside
/// this one holds the node's own declarations to it.
/// </summary>
public sealed class AccessMatrixTests
{
    public const string NoKey = "no key";
    public const string UnknownKey = "unknown key";

    private RunningNode _node = null!;
    private Dictionary<string, HttpClient> _callers = null!;

    public static IEnumerable<string> Callers => [NoKey, UnknownKey, .. Roles.Codes];

    public static IEnumerable<TestCaseData> Cases() =>
        from operation in ApiDocument.Operations
        from caller in Callers
        select new TestCaseData(operation.Method, operation.Path, caller)
            .SetName($"{operation.Method} {operation.Path} as {caller} is {Expected(operation, caller)}");

    [OneTimeSetUp]
    public async Task Start()
    {
        _node = await RunningNode.StartAsync();
        _callers = new Dictionary<string, HttpClient>(StringComparer.Ordinal)
        {
            [NoKey] = _node.WithKey(null),
            [UnknownKey] = _node.WithKey(ApiKeyHash.NewSecret()),
            [Role.Administrator.Code()] = _node.WithKey(RunningNode.AdminKey),
        };
        foreach (var role in Roles.All.Where(r => r != Role.Administrator))
        {
            _callers[role.Code()] = _node.As("account-" + role.Code(), role);
        }
    }

    [OneTimeTearDown]
    public async Task Stop() => await _node.DisposeAsync();

    /// <summary>"allowed", or the refusal the caller must get: "401" or "403".</summary>
    public static string Expected(ApiOperation operation, string caller) =>
        operation.Anonymous ? "allowed"
        : caller is NoKey or UnknownKey ? "401"
        : operation.Roles!.Contains(caller) ? "allowed"
        : "403";

    [TestCaseSource(nameof(Cases))]
    public async Task EachCallerGetsWhatTheDocumentSays(string method, string path, string caller)
    {
        var operation = ApiDocument.Operations.Single(o => o.Method == method && o.Path == path);
        using var request = new HttpRequestMessage(new HttpMethod(method), operation.Concrete);
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await _callers[caller].SendAsync(request);
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        switch (Expected(operation, caller))
        {
            case "allowed":
                // 404 is an answer for an unknown id; on a path without one it would mean the operation is not there.
                object[] notAnswers = path.Contains('{', StringComparison.Ordinal) ? [401, 403, 405, 500] : [401, 403, 404, 405, 500];
                Assert.That(status, Is.Not.AnyOf(notAnswers), body);
                break;
            case "401":
                Assert.Multiple(() =>
                {
                    Assert.That(status, Is.EqualTo(401), body);
                    Assert.That(response.Headers.WwwAuthenticate.Select(h => h.Scheme), Does.Contain("Bearer"));
                    Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
                });
                break;
            default:
                Assert.Multiple(() =>
                {
                    Assert.That(status, Is.EqualTo(403), body);
                    Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
                    Assert.That(body, Does.Contain(path.Split('{')[0].TrimEnd('/')), "the refusal names the operation");
                });
                break;
        }
    }

    [Test]
    public void TheMatrixCoversEveryOperationAndEveryRoleWithRefusals()
    {
        var table = ApiDocument.Operations.Select(o => (Operation: o, Row: Callers.Select(c => Expected(o, c)).ToList())).ToList();
        var refusals = table.Sum(t => t.Row.Count(e => e != "allowed"));
        TestContext.Out.WriteLine($"| operation | {string.Join(" | ", Callers)} |");
        foreach (var (operation, row) in table)
        {
            TestContext.Out.WriteLine($"| {operation} | {string.Join(" | ", row.Select(e => e == "allowed" ? "yes" : e))} |");
        }

        TestContext.Out.WriteLine($"{table.Count} operations x {Callers.Count()} callers = {table.Count * Callers.Count()} cases, {refusals} of them refusals");
        Assert.Multiple(() =>
        {
            Assert.That(ApiDocument.Operations.Where(o => o.Roles is null), Is.Empty, "every operation declares x-roles");
            Assert.That(table.Count, Is.GreaterThanOrEqualTo(30));
            Assert.That(Roles.All.Where(r => !ApiDocument.Operations.Any(o => o.Roles?.Contains(r.Code()) == true)), Is.Empty, "every role may call something");
            Assert.That(refusals, Is.GreaterThan(table.Count * 2), "every guarded operation refuses no key and an unknown key, and most refuse some roles");
        });
    }
}
