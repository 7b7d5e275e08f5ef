namespace Conformance.SpecModel;

/// <summary>
/// Compares what a realm advertised in its answer to OPTIONS with what the PICS declares, one sentence per mismatch:
/// a declared capability whose method or option tag is not advertised, and an advertised method or option tag that
/// only capabilities declared absent imply. Codes the PICS leaves out count as present, as they do for scenarios.
/// </summary>
public static class AdvertisementCheck
{
    public static IReadOnlyList<string> Warnings(
        PicsProforma proforma,
        IReadOnlyDictionary<string, bool> declared,
        string realm,
        IReadOnlyCollection<string>? allow,
        IReadOnlyCollection<string>? supported)
    {
        var present = proforma.Capabilities.Where(c => !declared.TryGetValue(c.Code, out var has) || has).Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        var implied = proforma.Advertised.Where(a => present.Contains(a.Key)).ToList();
        var warnings = new List<string>();
        if (allow is null && implied.Any(a => a.Value.Methods.Count > 0))
        {
            warnings.Add($"{realm}: the answer to OPTIONS has no Allow header, so the methods the PICS implies cannot be compared; list the supported methods in Allow (RFC 3261 §11.2).");
        }

        if (supported is null && implied.Any(a => a.Value.Extensions.Count > 0))
        {
            warnings.Add($"{realm}: the answer to OPTIONS has no Supported header, so the option tags the PICS implies cannot be compared; list them in Supported (RFC 3261 §20.37).");
        }

        var allowed = new HashSet<string>(allow ?? [], StringComparer.OrdinalIgnoreCase);
        var tags = new HashSet<string>(supported ?? [], StringComparer.OrdinalIgnoreCase);
        foreach (var (code, advertisement) in implied.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            foreach (var method in advertisement.Methods.Where(m => allow is not null && !allowed.Contains(m)))
            {
                warnings.Add($"{realm}: the PICS declares {code} but Allow does not list {method}; declare {code} false or advertise {method}.");
            }

            foreach (var tag in advertisement.Extensions.Where(t => supported is not null && !tags.Contains(t)))
            {
                warnings.Add($"{realm}: the PICS declares {code} but Supported does not list {tag}; declare {code} false or advertise {tag}.");
            }
        }

        var presentMethods = implied.SelectMany(a => a.Value.Methods).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var presentTags = implied.SelectMany(a => a.Value.Extensions).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (code, advertisement) in proforma.Advertised.Where(a => !present.Contains(a.Key)).OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            foreach (var method in advertisement.Methods.Where(m => allowed.Contains(m) && !presentMethods.Contains(m)))
            {
                warnings.Add($"{realm}: Allow lists {method}, which only {code} implies, but the PICS declares {code} absent; declare {code} true if it is implemented.");
            }

            foreach (var tag in advertisement.Extensions.Where(t => tags.Contains(t) && !presentTags.Contains(t)))
            {
                warnings.Add($"{realm}: Supported lists {tag}, which only {code} implies, but the PICS declares {code} absent; declare {code} true if it is implemented.");
            }
        }

        return warnings;
    }
}
