using Labelling.Appeals;
using Reference.Signalling;
using Reference.Storage;

namespace Reference.Resources;

/// <summary>
/// Wires the resources profile into the node: the ledger over its own connection to the store configured in Storage
/// (read back before the node answers anything), the sanction gate on the call path, and trunk audits when the node
/// keeps call records (registered before this).
/// </summary>
public static class ResourcesRegistration
{
    public static void AddResources(this WebApplicationBuilder builder)
    {
        var options = ResourceOptions.From(builder.Configuration.GetSection("Resources"));
        var storage = builder.Configuration.GetSection("Storage");
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(sp => new ResourceLedger(new ResourceStore(DirectoryStores.Open(storage)), options, sp.GetRequiredService<NumberAllocations>()));
        builder.Services.AddSingleton<IInviteGate, SanctionGate>();
        if (builder.Services.Any(s => s.ServiceType == typeof(CallRecordWriter)))
        {
            builder.Services.AddSingleton(sp => new TrunkAudit(DirectoryStores.Open(storage), sp.GetRequiredService<CallRecordWriter>(), sp.GetRequiredService<ResourceLedger>()));
        }
    }
}
