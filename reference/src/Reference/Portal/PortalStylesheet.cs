namespace Reference.Portal;

/// <summary>GET /portal.css: the one stylesheet of every page, from the assembly, cached by the browser for a day.</summary>
public static class PortalStylesheet
{
    private static readonly Lazy<byte[]> Css = new(() =>
    {
        using var stream = typeof(PortalStylesheet).Assembly.GetManifestResourceStream("portal.css")
            ?? throw new InvalidOperationException("portal.css is not embedded in the node's assembly");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IResult Serve(HttpContext context)
    {
        context.Response.Headers.CacheControl = "public, max-age=86400";
        return Results.Bytes(Css.Value, "text/css; charset=utf-8");
    }
}
