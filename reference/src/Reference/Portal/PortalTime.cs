using System.Globalization;
using Microsoft.Extensions.Localization;
using Reference.Portal.Resources;

namespace Reference.Portal;

/// <summary>Instants as the pages show them and read them: Beijing time (UTC+8), with the offset written, whatever the server's zone.</summary>
public static class PortalTime
{
    public static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private const string LocalFormat = "yyyy-MM-dd'T'HH:mm";

    public static string Show(DateTimeOffset at) => at.ToOffset(Beijing).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " (UTC+8)";

    /// <summary>A Beijing time typed into a form (a datetime-local field), or null with the field's message added.</summary>
    public static DateTimeOffset? Read(FormErrors errors, IStringLocalizer<PortalText> text, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, text["Errors.TimeRequired"]);
            return null;
        }

        // A browser without a date-time picker sends what was typed: take the picker's form, with or without seconds.
        string[] formats = [LocalFormat, LocalFormat + ":ss", "yyyy-MM-dd HH:mm"];
        if (DateTime.TryParseExact(value.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) && local.Year is >= 1970 and <= 9000)
        {
            return new DateTimeOffset(local, Beijing);
        }

        errors.Add(field, text["Errors.TimeInvalid"]);
        return null;
    }

    /// <summary>Checks that [from, to) is a window of at most <paramref name="longest"/>, adding the message to field "to" if not.</summary>
    public static bool Window(FormErrors errors, IStringLocalizer<PortalText> text, DateTimeOffset? from, DateTimeOffset? to, TimeSpan longest)
    {
        if (from is not { } f || to is not { } t)
        {
            return false;
        }

        if (f >= t)
        {
            errors.Add("to", text["Errors.ToBeforeFrom"]);
            return false;
        }

        if (t - f > longest)
        {
            errors.Add("to", text["Errors.WindowTooLong", (int)longest.TotalDays]);
            return false;
        }

        return true;
    }
}
