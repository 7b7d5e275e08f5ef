using Conformance.Harness.Adapters;
using Conformance.Harness.Resources;
using Conformance.Specs.Support;
using NUnit.Framework;

namespace Conformance.Specs.Drivers;

/// <summary>
/// Records who held the scenario's caller number and since when (POST /v1/allocations), as a carrier does when it
/// reissues a number (二次放号): the record a reissued-number appeal is checked against. Dates are on the SUT's clock,
/// the one that dated the label.
/// </summary>
public sealed class AppealRecordDriver(SuiteRun run, ScenarioState state, StirDriver clock) : IDisposable
{
    /// <summary>How long before the label the earlier holder got the number.</summary>
    public static readonly TimeSpan LongBefore = TimeSpan.FromDays(400);

    private ResourcesClient? _client;

    private ResourcesClient Client => _client ??= new ResourcesClient(
        run.RequireEndpoints().Management ?? throw new SutUnavailableException("the target declares no management API; add \"management\": { \"url\": \"http://…\" } to the target file"),
        run.RequireEndpoints().ManagementToken);

    /// <summary>The caller's number was held by an earlier subscriber long before its label, and passes to <paramref name="holder"/> now.</summary>
    public async Task ReissuedAfterTheLabelAsync(string holder)
    {
        var now = await clock.SutNowAsync();
        await RecordAsync("earlier holder of " + state.Caller, now - LongBefore);
        // The reissue is dated on the SUT's clock after the label it must postdate: wait for a clock that reads the same twice to move on.
        await Task.Delay(TimeSpan.FromMilliseconds(20));
        await RecordAsync(holder, null);
    }

    public async Task HeldSinceBeforeTheLabelAsync(string holder) => await RecordAsync(holder, await clock.SutNowAsync() - LongBefore);

    public void Dispose() => _client?.Dispose();

    private async Task RecordAsync(string holder, DateTimeOffset? since)
    {
        var answer = await Client.AllocateNumberAsync(state.Caller, holder, since, state.Evidence);
        Assert.That(answer.Status, Is.EqualTo(201), $"the allocation record of {state.Caller} to {holder} was answered {answer.Status}: {answer.Body}");
    }
}
