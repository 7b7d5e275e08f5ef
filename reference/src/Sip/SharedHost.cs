namespace Sip;

/// <summary>
/// Host strings for parsed Vias and URIs. A trunk or a next hop sends every message from the same host and names the
/// same few hosts in From and To: the last two host strings made on this thread are reused while they match, instead
/// of one string per parse.
/// </summary>
internal static class SharedHost
{
    [ThreadStatic]
    private static string? t_newer;

    [ThreadStatic]
    private static string? t_older;

    public static string For(ReadOnlySpan<char> host)
    {
        var newer = t_newer;
        if (newer is not null && host.SequenceEqual(newer))
        {
            return newer;
        }

        var older = t_older;
        if (older is not null && host.SequenceEqual(older))
        {
            return older;
        }

        t_older = newer;
        return t_newer = host.ToString();
    }
}
