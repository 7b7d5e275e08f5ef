using System.Text;
using System.Text.Json;
using Cucumber.HtmlFormatter;
using Io.Cucumber.Messages.Types;

namespace Conformance.Reporting.Bundle;

/// <summary>Writes messages.ndjson (one Cucumber envelope per line) and report.html rendered from the same envelopes.</summary>
public static class CucumberReportWriter
{
    public const string MessagesFileName = "messages.ndjson";
    public const string HtmlFileName = "report.html";

    public static void Write(string bundleDirectory, IReadOnlyList<Envelope> envelopes, string title)
    {
        using (var ndjson = new StreamWriter(Path.Combine(bundleDirectory, MessagesFileName), false, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            foreach (var envelope in envelopes)
            {
                ndjson.WriteLine(JsonSerializer.Serialize(envelope, CucumberJson.Options));
            }
        }

        using var html = File.Create(Path.Combine(bundleDirectory, HtmlFileName));
        using var writer = new MessagesToHtmlWriter(
            html,
            (w, e) => { w.Write(JsonSerializer.Serialize(e, CucumberJson.Options)); return Task.CompletedTask; },
            new HtmlReportSettings { Title = title });
        foreach (var envelope in envelopes)
        {
            writer.Write(envelope);
        }
    }
}
