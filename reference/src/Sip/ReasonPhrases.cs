namespace Sip;

/// <summary>Default reason phrases (RFC 3261 §21 and the 6xx codes of RFC 8197, RFC 8688 and ATIS-1000099).</summary>
public static class ReasonPhrases
{
    public static string For(int code) => code switch
    {
        100 => "Trying",
        180 => "Ringing",
        183 => "Session Progress",
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Request Entity Too Large",
        414 => "Request-URI Too Long",
        416 => "Unsupported URI Scheme",
        420 => "Bad Extension",
        428 => "Use Identity Header",
        436 => "Bad Identity Info",
        437 => "Unsupported Credential",
        438 => "Invalid Identity Header",
        481 => "Call/Transaction Does Not Exist",
        483 => "Too Many Hops",
        487 => "Request Terminated",
        500 => "Server Internal Error",
        503 => "Service Unavailable",
        505 => "Version Not Supported",
        513 => "Message Too Large",
        603 => "Decline",
        607 => "Unwanted",
        608 => "Rejected",
        _ => code switch
        {
            < 200 => "Progress",
            < 300 => "OK",
            < 400 => "Redirect",
            < 500 => "Client Error",
            < 600 => "Server Error",
            _ => "Global Failure",
        },
    };
}
