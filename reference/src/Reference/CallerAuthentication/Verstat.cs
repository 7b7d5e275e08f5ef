using Sip;

namespace Reference.CallerAuthentication;

/// <summary>
/// Marks a forwarded INVITE with the verification result, as 3GPP TS 24.229 §7.2A.20 places it: the verstat parameter
/// of the caller's number on P-Asserted-Identity (a tel URI parameter; in a sip URI with user=phone, inside the user
/// part). P-Asserted-Identity is added from From when the INVITE has none; a second identity (RFC 3325 §9.1: a sip and a
/// tel one) is kept as it came.
/// </summary>
public static class Verstat
{
    public const string Passed = "TN-Validation-Passed";
    public const string Failed = "TN-Validation-Failed";
    public const string NotValidated = "No-TN-Validation";

    public static void Mark(SipRequest invite, string verstat)
    {
        var identity = NameAddress.TryParse(invite.Headers.FirstValue(HeaderNames.PAssertedIdentity), out var asserted) ? asserted
            : invite.From is { } from ? new NameAddress { Uri = from.Uri }
            : null;
        if (identity is null)
        {
            return;
        }

        var uri = identity.Uri;
        SipUri marked;
        if (uri.IsTel)
        {
            var parameters = new SipParameters();
            foreach (var (name, value) in uri.Parameters.Items)
            {
                parameters.Set(name, value);
            }

            parameters.Set("verstat", verstat);
            marked = new SipUri { Scheme = uri.Scheme, Host = uri.Host, Parameters = parameters };
        }
        else
        {
            var user = uri.User ?? string.Empty;
            var at = user.IndexOf(";verstat=", StringComparison.OrdinalIgnoreCase);
            marked = new SipUri
            {
                Scheme = uri.Scheme, User = (at >= 0 ? user[..at] : user) + ";verstat=" + verstat, Password = uri.Password,
                Host = uri.Host, Port = uri.Port, Parameters = uri.Parameters, Headers = uri.Headers,
            };
        }

        invite.Headers.ReplaceFirstValue(HeaderNames.PAssertedIdentity, new NameAddress { DisplayName = identity.DisplayName, Uri = marked, Parameters = identity.Parameters }.ToString());
    }
}
