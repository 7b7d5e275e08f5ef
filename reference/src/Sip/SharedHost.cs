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

    /// <summary>The string for <paramref name="host"/>, the bytes of a host the grammar has read (ASCII only).</summary>
    public static string For(ReadOnlySpan<byte> host)
    {
        var newer = t_newer;
        if (newer is not null && System.Text.Ascii.Equals(host, newer))
        {
            return newer;
        }

        var older = t_older;
        if (older is not null && System.Text.Ascii.Equals(host, older))
        {
            return older;
        }

        t_older = newer;
        return t_newer = System.Text.Encoding.Latin1.GetString(host);
    }
}
