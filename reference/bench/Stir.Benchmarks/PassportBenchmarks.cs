using BenchmarkDotNet.Attributes;

namespace Stir.Benchmarks;

/// <summary>µs/op and bytes allocated to sign an Identity header (originating side) and to verify one (terminating side).</summary>
[MemoryDiagnoser]
public class PassportBenchmarks
{
    private const string X5u = "https://cert.carrier.example/shaken.pem";
    private SigningCredential _signer = null!;
    private PassportVerifier _verifier = null!;
    private string _identity = string.Empty;
    private DateTimeOffset _now;

    [GlobalSetup]
    public void Setup()
    {
        _signer = SigningCredential.CreateSelfSigned(X5u, "benchmark carrier", TimeSpan.FromDays(30));
        var repository = new CertificateRepository();
        repository.Add(X5u, _signer.CertificatePem);
        _verifier = new PassportVerifier(repository, new VerifierOptions { Freshness = TimeSpan.FromDays(1) });
        _now = DateTimeOffset.UtcNow;
        _identity = Sign();
        if (!_verifier.Verify(_identity, "8613812345678", "8613987654321", _now).Passed)
        {
            throw new InvalidOperationException("The benchmark's own Identity header does not verify.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _signer.Dispose();

    [Benchmark]
    public string Sign() => PassportToken.SignHeader(
        new Passport("8613812345678", ["8613987654321"], _now, Attestation.A, "5d1e3c4a-8a0e-4e8a-9a52-1b8e2a1f0c11", X5u), _signer.Key).ToString();

    [Benchmark]
    public bool Verify() => _verifier.Verify(_identity, "8613812345678", "8613987654321", _now).Passed;
}
