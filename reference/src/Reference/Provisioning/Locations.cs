namespace Reference.Provisioning;

/// <summary>
/// The Location of a created resource: the id percent-encoded as a path segment, so an id in Chinese or with a
/// slash gives a valid header that leads back to it, where writing it raw made the answer fail after the write.
/// </summary>
public static class Locations
{
    public static string Of(string collection, params string[] ids) =>
        collection + string.Concat(ids.Select(id => "/" + Uri.EscapeDataString(id)));
}
