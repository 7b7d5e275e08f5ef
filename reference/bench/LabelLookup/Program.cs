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

await app.StartAsync();
var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
Console.WriteLine($"ready {url} labels={book.Count} managed-heap={GC.GetTotalMemory(forceFullCollection: true) / 1_048_576} MiB");
await Console.In.ReadToEndAsync();
await app.StopAsync();
