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

    // As a transport does: parse out of its receive buffer, hand the message on, and release it once it was handled,
    // which returns the message's pooled buffer.
    [Benchmark(Baseline = true)]
    public SipParseStatus ParseDatagram() => ParseAndRelease(datagram: true);

    [Benchmark]
    public SipParseStatus ParseStream() => ParseAndRelease(datagram: false);

    [Benchmark]
    public byte[] Serialize() => _parsed.ToBytes();

    [Benchmark]
    public int ParseThenSerialize()
    {
        var message = _parser.Parse(TypicalInvite.Bytes, datagram: true).Message!;
        var length = message.ToBytes().Length;
        message.Release();
        return length;
    }

    private SipParseStatus ParseAndRelease(bool datagram)
    {
        var result = _parser.Parse(TypicalInvite.Bytes, datagram);
        result.Message?.Release();
        return result.Status;
    }
}
