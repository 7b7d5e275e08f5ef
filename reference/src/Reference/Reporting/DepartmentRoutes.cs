using System.Text.Json;
using Labelling;

namespace Reference.Reporting;

/// <summary>
/// The routing table: the department competent for each label category (REP-TKT-002), as data: the shipped
/// report-routes.json or Reporting:RoutesFile. A category the table does not name goes to its default department.
/// </summary>
public sealed class DepartmentRoutes(string fallback, IReadOnlyDictionary<string, string> departments, IReadOnlyDictionary<string, string> routes)
{
    public const string ShippedResource = "report-routes.json";

    public string Default => fallback;

    /// <summary>Department code → its name (公安机关, 通信管理局, …).</summary>
    public IReadOnlyDictionary<string, string> Departments => departments;

    /// <summary>Category code → department code.</summary>
    public IReadOnlyDictionary<string, string> Routes => routes;

    public string For(LabelCategory category) => routes.TryGetValue(category.Code(), out var department) ? department : fallback;

    public static DepartmentRoutes Read(string? path)
    {
        string text;
        if (path is null)
        {
            using var stream = typeof(DepartmentRoutes).Assembly.GetManifestResourceStream(ShippedResource)
                ?? throw new InvalidOperationException($"The node was built without its {ShippedResource} resource.");
            using var reader = new StreamReader(stream);
            text = reader.ReadToEnd();
        }
        else
        {
            text = File.Exists(path) ? File.ReadAllText(path) : throw new InvalidOperationException($"Reporting:RoutesFile names {path}, which does not exist.");
        }

        var what = path ?? ShippedResource;
        using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var root = document.RootElement;
        var departments = Strings(root, "departments", what);
        var routes = Strings(root, "routes", what);
        var fallback = root.TryGetProperty("default", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : throw new InvalidOperationException($"{what} has no \"default\" department.");
        foreach (var (category, department) in routes.Append(new KeyValuePair<string, string>("default", fallback)))
        {
            if (!departments.ContainsKey(department))
            {
                throw new InvalidOperationException($"{what} routes {category} to {department}, which its \"departments\" do not name.");
            }

            if (category != "default" && !LabelCategories.TryParse(category, out _))
            {
                throw new InvalidOperationException($"{what} routes '{category}', which is not a label category ({string.Join(", ", LabelCategories.Codes)}).");
            }
        }

        return new DepartmentRoutes(fallback, departments, routes);
    }

    private static Dictionary<string, string> Strings(JsonElement root, string name, string what) =>
        root.TryGetProperty(name, out var map) && map.ValueKind == JsonValueKind.Object
            ? map.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? throw new InvalidOperationException($"{what}: {name}.{p.Name} must be a string."), StringComparer.Ordinal)
            : throw new InvalidOperationException($"{what} has no \"{name}\" object.");
}
