using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conformance.Harness.Targets;
using Conformance.Reporting;
using Conformance.SpecModel;

namespace Conformance.Cli;

/// <summary>
/// `conformance pics init [--from TARGET] [--out FILE]`: writes the complete proforma, every code of spec/pics.yaml
/// with its question and prerequisites as comments. Codes the target already answers keep their answers; the others are
/// written null, which the run refuses until the lab answers each true or false.
/// </summary>
public static class PicsInitCommand
{
    public static int Execute(FileInfo? from, FileInfo? output, TextWriter stdout)
    {
        var proforma = PicsProforma.Load(Path.Combine(RunCommand.SpecDirectory, "pics.yaml"));
        var answered = from is null ? new Dictionary<string, bool>() : Answers(from);
        var text = from is null ? Fragment(proforma, answered) : WithTarget(from, proforma, answered);
        if (output is null)
        {
            stdout.Write(text);
            return ExitCodes.Conforming;
        }

        File.WriteAllText(output.FullName, text);
        var open = proforma.Capabilities.Count(c => !answered.ContainsKey(c.Code));
        stdout.WriteLine($"{output.FullName}: {proforma.Capabilities.Count} capability codes, {open} left null for you to answer true or false.");
        return ExitCodes.Conforming;
    }

    /// <summary>The answers a target gives, read leniently: the point is to complete a proforma that does not load yet.</summary>
    private static Dictionary<string, bool> Answers(FileInfo from)
    {
        var answers = new Dictionary<string, bool>(StringComparer.Ordinal);
        if (Parse(from)?["pics"] is JsonObject pics)
        {
            foreach (var (code, value) in pics)
            {
                if (value is JsonValue v && v.TryGetValue<bool>(out var present))
                {
                    answers[code] = present;
                }
            }
        }

        return answers;
    }

    private static JsonObject? Parse(FileInfo from)
    {
        if (!from.Exists)
        {
            throw new ConfigurationException($"--from {from.FullName}: the target file does not exist.");
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(from.FullName), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }) as JsonObject
                ?? throw new ConfigurationException($"--from {from.FullName}: a target file is a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException($"--from {from.FullName}: line {ex.LineNumber + 1}: not valid JSON.");
        }
    }

    private static string Fragment(PicsProforma proforma, IReadOnlyDictionary<string, bool> answered) =>
        "{\n" + PicsBlock(proforma, answered) + "\n}\n";

    /// <summary>The target as given (its own comments are not kept), with its `pics` replaced by the complete block.</summary>
    private static string WithTarget(FileInfo from, PicsProforma proforma, IReadOnlyDictionary<string, bool> answered)
    {
        var target = Parse(from)!;
        target.Remove("pics");
        var rest = target.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var body = rest.TrimEnd().TrimEnd('}').TrimEnd();
        var separator = body.EndsWith('{') ? "\n" : ",\n";
        return body + separator + PicsBlock(proforma, answered) + "\n}\n";
    }

    private static string PicsBlock(PicsProforma proforma, IReadOnlyDictionary<string, bool> answered)
    {
        var text = new StringBuilder();
        text.Append("  // The PICS (spec/pics.yaml): answer every code true (implemented) or false (not implemented).\n");
        text.Append("  // Scenarios of a code answered false are reported not-applicable; a code left null stops the run.\n");
        text.Append("  \"pics\": {\n");
        for (var i = 0; i < proforma.Capabilities.Count; i++)
        {
            var capability = proforma.Capabilities[i];
            var requires = capability.Requires.Count == 0 ? string.Empty : $" Requires {string.Join(" and ", capability.Requires)} (answer false if any of them is false).";
            text.Append($"    // {capability.Code}: does the system implement \"{capability.Title}\"?{requires}\n");
            var answer = answered.TryGetValue(capability.Code, out var present) ? (present ? "true" : "false") : "null";
            text.Append($"    \"{capability.Code}\": {answer}{(i < proforma.Capabilities.Count - 1 ? "," : string.Empty)}\n");
        }

        return text.Append("  }").ToString();
    }
}
