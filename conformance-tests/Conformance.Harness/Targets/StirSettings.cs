using System.Text.Json;

namespace Conformance.Harness.Targets;

/// <summary>
/// Target file key "stir": the STIR/SHAKEN credentials of a system tested apart from the suite. The SUT must hold
/// the suite's certificates (<see cref="SuiteCertificate"/>, <see cref="ExpiredCertificate"/>) in its repository
/// under their x5u; the suite signs with the matching keys and verifies the SUT's Identity headers with
/// <see cref="SutCertificates"/>, by x5u. Paths are PEM files, relative to the target file. Without this key the
/// suite makes its own credentials, which only the embedded reference can be given.
/// </summary>
public sealed record StirSettings(
    string SuiteKey,
    string SuiteCertificate,
    string SuiteX5u,
    string ExpiredKey,
    string ExpiredCertificate,
    string ExpiredX5u,
    IReadOnlyDictionary<string, string> SutCertificates)
{
    public static readonly string[] Keys =
        ["suiteKey", "suiteCertificate", "suiteX5u", "expiredKey", "expiredCertificate", "expiredX5u", "sutCertificates"];

    public static StirSettings Read(JsonElement element, string targetPath)
    {
        TargetFileException Error(string at, string what) => new($"{targetPath}: $.stir{at} {what}.");
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(string.Empty, "must be an object with " + string.Join(", ", Keys));
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!Keys.Contains(property.Name))
            {
                throw Error("." + property.Name, $"is not a known key; expected one of {string.Join(", ", Keys)}");
            }
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(targetPath)) ?? ".";
        string Text(JsonElement parent, string key, string at) =>
            parent.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString())
                ? v.GetString()!
                : throw Error(at, "must be a non-empty string");
        string File(JsonElement parent, string key, string at)
        {
            var path = Path.GetFullPath(Text(parent, key, at), folder);
            return System.IO.File.Exists(path) ? path : throw Error(at, $"names {path}, which does not exist; give the path of a PEM file, relative to the target file");
        }

        if (!element.TryGetProperty("sutCertificates", out var sut) || sut.ValueKind != JsonValueKind.Object || !sut.EnumerateObject().Any())
        {
            throw Error(".sutCertificates", "must be an object of x5u → PEM certificate path, naming at least the certificate the SUT signs with");
        }

        return new StirSettings(
            File(element, "suiteKey", ".suiteKey"),
            File(element, "suiteCertificate", ".suiteCertificate"),
            Text(element, "suiteX5u", ".suiteX5u"),
            File(element, "expiredKey", ".expiredKey"),
            File(element, "expiredCertificate", ".expiredCertificate"),
            Text(element, "expiredX5u", ".expiredX5u"),
            sut.EnumerateObject().ToDictionary(p => p.Name, p => File(sut, p.Name, $".sutCertificates[\"{p.Name}\"]"), StringComparer.Ordinal));
    }
}
