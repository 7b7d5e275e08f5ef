namespace Reference.Access;

/// <summary>
/// The Host names the API answers (ASP.NET Core's host filtering, setting AllowedHosts): by default the loopback names
/// and the host of Http:Url, so that a web page cannot reach a node on 127.0.0.1 through a name of its own that
/// resolves there (DNS rebinding). A node listening on every address (0.0.0.0, *) names its hosts in AllowedHosts.
/// </summary>
public static class AllowedHosts
{
    public const string Loopback = "localhost;127.0.0.1;[::1]";

    public static void Default(IConfiguration configuration)
    {
        if (configuration["AllowedHosts"] is { Length: > 0 })
        {
            return;
        }

        var url = configuration["Http:Url"] ?? "http://127.0.0.1:8080";
        var host = url.Split(';')[0].Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal);
        var named = Uri.TryCreate(host, UriKind.Absolute, out var uri) && uri.Host is not ("0.0.0.0" or "[::]" or "::") ? ";" + uri.Host : string.Empty;
        configuration["AllowedHosts"] = Loopback + named;
    }
}
