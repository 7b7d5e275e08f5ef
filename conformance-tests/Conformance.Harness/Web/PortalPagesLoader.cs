using System.Reflection;

namespace Conformance.Harness.Web;

/// <summary>The page-object adapter a target names ($.web.pages, an assembly path), or the standard one.</summary>
public static class PortalPagesLoader
{
    public static IPortalPages Load(string? assemblyPath)
    {
        if (assemblyPath is null)
        {
            return new StandardPortalPages();
        }

        if (!File.Exists(assemblyPath))
        {
            throw new PortalException($"$.web.pages names {assemblyPath}, which does not exist; build the page adapter or leave $.web.pages out for the standard markup");
        }

        var types = Assembly.LoadFrom(assemblyPath).GetExportedTypes()
            .Where(t => typeof(IPortalPages).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false } && t.GetConstructor(Type.EmptyTypes) is not null)
            .ToList();
        return types.Count == 1
            ? (IPortalPages)Activator.CreateInstance(types[0])!
            : throw new PortalException($"{assemblyPath} must export exactly one public class implementing IPortalPages with a parameterless constructor; it exports {types.Count}");
    }
}
