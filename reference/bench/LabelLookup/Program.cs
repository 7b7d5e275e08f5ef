using System.Globalization;
using Labelling;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

// Usage: LabelLookup COUNT PORT. Labels COUNT numbers 13000000000.. (a third from reports, a third from analytics,
// a third declared), starts the node's API on 127.0.0.1:PORT, prints "ready URL" and serves until stdin closes.
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var port = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 0;
var app = Reference.ReferenceApp.Build(
[
    $"--Http:Url=http://127.0.0.1:{port}", "--Sip:Access=127.0.0.1:0", "--Sip:Interconnect=127.0.0.1:0",
    "--Sip:International=127.0.0.1:0", "--Sip:NextHop=127.0.0.1:9", "--Logging:LogLevel:Default=Warning",
    "--Labelling:Reporters=1",
]);
var book = app.Services.GetRequiredService<LabelBook>();
var now = DateTimeOffset.UtcNow;
for (var i = 0; i < count; i++)
{
    var number = (13_000_000_000L + i).ToString(CultureInfo.InvariantCulture);
    switch (i % 3)
    {
        case 0: book.Report(new NumberReport(number, LabelCategory.Fraud, "r" + (i % 97).ToString(CultureInfo.InvariantCulture), "app", "", now)); break;
        case 1: book.Flag(number, LabelCategory.Harassment, now); break;
        default: book.Declare(number, LabelCategory.Delivery, "courier", now); break;
    }
}

// What one lookup costs the heap (the store's lookup and the JSON the API writes), measured on this thread: unlike
// wrk's latency it does not depend on how loaded the machine is.
var json = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
for (var i = 0; i < 10_000; i++)
{
    _ = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(Reference.LabelService.LabelJson.Of(book.Lookup("13000000001", now)!), json);
}

var before = GC.GetAllocatedBytesForCurrentThread();
const int probes = 100_000;
for (var i = 0; i < probes; i++)
{
    var label = book.Lookup((13_000_000_000L + (i % count)).ToString(CultureInfo.InvariantCulture), now);
    _ = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(Reference.LabelService.LabelJson.Of(label!), json);
}

var perLookup = (GC.GetAllocatedBytesForCurrentThread() - before) / probes;
GC.Collect();
var gen0 = GC.CollectionCount(0);
var gen1 = GC.CollectionCount(1);
var gen2 = GC.CollectionCount(2);
var paused = GC.GetTotalPauseDuration();
var (_, key) = app.Services.GetRequiredService<Reference.Access.ApiKeyBook>().Issue([Reference.Access.Role.Regulator], "bench", DateTimeOffset.UtcNow);
await app.StartAsync();
Console.WriteLine("key " + key);
var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
Console.WriteLine($"ready {url} labels={book.Count} managed-heap={GC.GetTotalMemory(forceFullCollection: true) / 1_048_576} MiB gc={(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} lookup+json={perLookup} B/lookup");
// A young collection of an idle server: what each gen0 pause costs before any request competes for the cores.
var idle = GC.GetTotalPauseDuration();
for (var i = 0; i < 5; i++)
{
    GC.Collect(0);
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"idle gen0 collection: {(GC.GetTotalPauseDuration() - idle).TotalMilliseconds / 5:0.0} ms"));
gen0 = GC.CollectionCount(0);
gen1 = GC.CollectionCount(1);
gen2 = GC.CollectionCount(2);
paused = GC.GetTotalPauseDuration();
using var events = Environment.GetEnvironmentVariable("GC_EVENTS") == "1" ? new LabelLookup.GcEvents() : null;
await Console.In.ReadToEndAsync();
foreach (var line in events?.Lines ?? [])
{
    Console.WriteLine("gc event: " + line);
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"gc during the run: gen0={GC.CollectionCount(0) - gen0} gen1={GC.CollectionCount(1) - gen1} gen2={GC.CollectionCount(2) - gen2} pause={(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:0} ms ({GC.GetTotalPauseDuration().TotalMilliseconds:0} ms since start)"));
var last = GC.GetGCMemoryInfo(GCKind.Ephemeral);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"gc last young collection: gen{last.Generation} pause={last.PauseDurations[0].TotalMilliseconds:0.0} ms gen0 before={last.GenerationInfo[0].SizeBeforeBytes / 1_048_576} MiB after={last.GenerationInfo[0].SizeAfterBytes / 1_048_576} MiB gen1 before={last.GenerationInfo[1].SizeBeforeBytes / 1_048_576} MiB after={last.GenerationInfo[1].SizeAfterBytes / 1_048_576} MiB promoted={last.PromotedBytes / 1024} KiB heap={last.HeapSizeBytes / 1_048_576} MiB"));
// The same young collection once the load has stopped: tells the heap state the load left apart from contention.
var after = GC.GetTotalPauseDuration();
for (var i = 0; i < 5; i++)
{
    GC.Collect(0);
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gc after the run, idle gen0 collection: {(GC.GetTotalPauseDuration() - after).TotalMilliseconds / 5:0.0} ms"));
await app.StopAsync();
