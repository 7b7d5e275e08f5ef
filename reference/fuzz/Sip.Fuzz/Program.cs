using System.Globalization;
using Sip.Fuzz;

// Usage: Sip.Fuzz [--seconds N] [--corpus DIR] [--out DIR] [--seed N]   (in-process mutation loop, bounded time)
//        Sip.Fuzz --afl                                                 (SharpFuzz entry point, run under afl-fuzz)
if (args.Contains("--afl"))
{
    SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
    {
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        ParserTarget.Run(memory.ToArray());
    });
    return 0;
}

string Option(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

var seconds = double.Parse(Option("--seconds", "60"), CultureInfo.InvariantCulture);
var corpusFolder = Option("--corpus", Path.Combine(AppContext.BaseDirectory, "corpus"));
var output = Option("--out", Path.Combine(Path.GetTempPath(), "sip-fuzz-findings"));
var seed = int.Parse(Option("--seed", "4475"), CultureInfo.InvariantCulture);
var corpus = Directory.Exists(corpusFolder)
    ? Directory.GetFiles(corpusFolder).Select(File.ReadAllBytes).ToList()
    : [];
if (corpus.Count == 0)
{
    Console.Error.WriteLine($"No seed messages in {corpusFolder}; pass --corpus DIR with one SIP message per file.");
    return 2;
}

var fuzzer = new MutationFuzzer(corpus, output, seed, TimeSpan.FromMilliseconds(250));
fuzzer.Run(TimeSpan.FromSeconds(seconds));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"executions: {fuzzer.Executions} ({fuzzer.Executions / seconds:F0}/s) crashes: {fuzzer.Crashes} hangs: {fuzzer.Hangs} seeds: {corpus.Count} findings: {output}"));
Console.Out.Flush();
return fuzzer.Crashes + fuzzer.Hangs == 0 ? 0 : 1;
