using Conformance.Specs.Support;

namespace Conformance.Specs.Drivers;

/// <summary>Provisions what a scenario needs through the SUT's management API, with fresh data per scenario.</summary>
public sealed class ProvisioningDriver(SuiteRun run, ScenarioState state)
{
    public async Task<ProvisionedTrunk> EnterpriseWithTrunkAsync(string sector, bool inboundOnly = false)
    {
        var api = run.RequireManagement();
        var enterpriseId = "ent-" + state.Numbers.DomesticMobile();
        var ua = run.OpenTrunkPeer();
        var prefix = state.Numbers.DomesticMobile()[..7];
        var trunk = new ProvisionedTrunk(enterpriseId, "trunk-" + enterpriseId, sector, ua, prefix);
        state.Evidence.Name(ua.LocalEndPoint, "suite trunk");
        await api.CreateEnterpriseAsync(enterpriseId, sector, state.Evidence);
        await api.CreateTrunkAsync(trunk.TrunkId, enterpriseId, Realms.Access, ua.LocalEndPoint.ToString(), [(trunk.First, trunk.Last, inboundOnly)], state.Evidence);
        state.Trunk = trunk;
        return trunk;
    }

    public Task ConsentAsync(string callee) =>
        run.RequireManagement().AddConsentAsync(RequireTrunk().EnterpriseId, callee, "recorded call 2026-01-02 with the callee's spoken consent", state.Evidence);

    public Task RefuseAsync(string callee, bool global)
    {
        state.CalleeRefused = true;
        return run.RequireManagement().AddRefusalAsync(callee, global ? null : RequireTrunk().EnterpriseId, state.Evidence);
    }

    /// <summary>
    /// Puts a fresh number on a list through the management API; a system without that API uses the number the lab
    /// provisioned by hand, named under $.pixit in the target file.
    /// </summary>
    public Task ListedAsync(string pixitKey, Func<string, Task> provision)
    {
        if (run.Endpoints is { Management: null } && run.Target.Pixit.TryGetValue(pixitKey, out var number))
        {
            state.Listed = number;
            state.Evidence.Record($"pixit.{pixitKey}", $"{number}, provisioned on the system by the lab");
            return Task.CompletedTask;
        }

        state.Listed = state.Numbers.DomesticMobile();
        return provision(state.Listed);
    }

    public Task RoamingAsync(string number) => run.RequireManagement().AddRoamingAsync(number, state.Evidence);

    public Task DoNotOriginateAsync(string number) => run.RequireManagement().AddDoNotOriginateAsync(number, state.Evidence);

    /// <summary>A number of the trunk's own block, fresh for the scenario.</summary>
    public string OwnNumber() => RequireTrunk().RangePrefix + state.Numbers.DomesticMobile()[^4..];

    public ProvisionedTrunk RequireTrunk() =>
        state.Trunk ?? throw new InvalidOperationException("The scenario provisioned no trunk; add a step 'Given an enterprise of sector … with a trunk in the access realm'.");
}
