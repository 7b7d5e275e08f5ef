using System.Globalization;

namespace Reference.Portal;

/// <summary>Instants as the pages show them: Beijing time (UTC+8), with the offset written, whatever the server's zone.</summary>
public static class PortalTime
{
    public static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static string Show(DateTimeOffset at) => at.ToOffset(Beijing).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " (UTC+8)";
}
