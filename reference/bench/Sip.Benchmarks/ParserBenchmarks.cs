using BenchmarkDotNet.Attributes;

namespace Sip.Benchmarks;

/// <summary>ns/op and bytes allocated to parse, serialize, and read the fields the screening node reads.</summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private readonly SipParser _parser = new();
    private SipMessage _parsed = null!;

    [GlobalSetup]
    public void Setup()
    {
        var result = _parser.Parse(TypicalInvite.Bytes, datagram: false);
        if (result.Status != SipParseStatus.Complete || result.Consumed != TypicalInvite.Bytes.Length)
        {
            throw new InvalidOperationException($"The benchmark INVITE does not parse whole: {result.Status} {result.Error} {result.Detail}");
        }

        _parsed = result.Message!;
    }

    [Benchmark(Baseline = true)]
    public SipParseResult ParseDatagram() => _parser.Parse(TypicalInvite.Bytes, datagram: true);

    [Benchmark]
    public SipParseResult ParseStream() => _parser.Parse(TypicalInvite.Bytes, datagram: false);

    [Benchmark]
    public byte[] Serialize() => _parsed.ToBytes();

    [Benchmark]
    public int ParseThenSerialize() => _parser.Parse(TypicalInvite.Bytes, datagram: true).Message!.ToBytes().Length;
}
