using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Reference.Storage;

namespace Reference.Portal;

/// <summary>
/// The data-protection key ring kept in the node's store (table portal_keys): the keys that sign staff cookies and
/// antiforgery tokens survive a restart, and every node of a cluster on one store reads the same ring, so a cookie
/// one node issued opens pages on the others. Keys are written as the framework gives them (it never deletes one;
/// an expired key stays to read what it once protected).
/// </summary>
public sealed class PortalKeyRing(SqlDatabase database) : IXmlRepository, IDisposable
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        database.Reading("the portal's key ring", () => database.Read("SELECT xml FROM portal_keys ORDER BY name", r => XElement.Parse(r.GetString(0))));

    public void StoreElement(XElement element, string friendlyName)
    {
        // The framework names each key after its id: two nodes creating the first key at once keep both.
        var name = string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName;
        database.Write(tx => SqlDatabase.Execute(tx, "INSERT INTO portal_keys (name, xml) VALUES (@name, @xml) ON CONFLICT (name) DO NOTHING",
            ("name", name), ("xml", element.ToString(SaveOptions.DisableFormatting))));
    }

    public void Dispose() => database.Dispose();
}
