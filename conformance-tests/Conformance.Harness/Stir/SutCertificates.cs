using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Conformance.Harness.Stir;

/// <summary>The certificates the suite checks the SUT's PASSporTs with, by the x5u they are named under. Nothing is ever fetched.</summary>
public sealed class SutCertificates
{
    private readonly ConcurrentDictionary<string, X509Certificate2> _byX5u = new(StringComparer.Ordinal);

    public void Add(string x5u, string pem)
    {
        try
        {
            _byX5u[x5u] = X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException ex)
        {
            throw new ArgumentException($"The certificate for {x5u} is not a PEM certificate ({ex.Message}).", nameof(pem), ex);
        }
    }

    public void AddFile(string x5u, string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The SUT certificate file for {x5u} does not exist: {path}; name a PEM file in the target file's stir.sutCertificates.", path);
        }

        Add(x5u, File.ReadAllText(path));
    }

    public X509Certificate2? Find(string x5u) => _byX5u.TryGetValue(x5u, out var certificate) ? certificate : null;
}
