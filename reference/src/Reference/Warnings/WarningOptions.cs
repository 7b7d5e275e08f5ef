using System.Globalization;
using System.Net;

namespace Reference.Warnings;

/// <summary>
/// Configuration section Warnings: the SMSC the node binds to as an ESME (Smsc "host:port", SystemId, Password),
/// the 【sender】 signature, and the app-push endpoint (PushUrl) with its attempts. A channel without an address is off.
/// DisabledRules names mutants (<see cref="Mutants"/>), each existing only to prove the suite notices a node with that
/// fault: ["delivery-receipt"] makes the node ignore delivery receipts, so it never records an undeliverable warning.
/// </summary>
public sealed record WarningOptions
{
    public const string ReceiptMutant = "delivery-receipt";

    /// <summary>No flash SMS while a labelled call alerts (WARN-FLS-001).</summary>
    public const string FlashMutant = "flash-sms";

    /// <summary>A flash SMS for every alerting call, labelled or not, sent a second late (WARN-FLS-002).</summary>
    public const string LateFlashMutant = "flash-sms-late";

    /// <summary>No SMS notice after an interception (WARN-SMS-001).</summary>
    public const string NoticeMutant = "sms-notice";

    /// <summary>One submission attempt: throttling or a dropped link loses the warning (WARN-SMS-002).</summary>
    public const string SmsRetryMutant = "sms-retry";

    /// <summary>No app push (WARN-PUSH-001).</summary>
    public const string PushMutant = "push";

    /// <summary>One push attempt: a refused push is lost (WARN-PUSH-002).</summary>
    public const string PushRetryMutant = "push-retry";

    /// <summary>A refused push is retried at one constant interval, without back-off (WARN-PUSH-002).</summary>
    public const string PushBackOffMutant = "push-backoff";

    /// <summary>Every warning ends with a link and a number to call back (WARN-TXT-001, -002, -003).</summary>
    public const string TextMutant = "warning-text";

    /// <summary>Calls from abroad are forwarded without the Call-Info naming their region (INT-INTL-006).</summary>
    public const string OriginMutant = "origin-header";

    public static IReadOnlyList<string> Mutants { get; } =
        [ReceiptMutant, FlashMutant, LateFlashMutant, NoticeMutant, SmsRetryMutant, PushMutant, PushRetryMutant, PushBackOffMutant, TextMutant, OriginMutant];

    /// <summary>The mutants switched on; empty in service.</summary>
    public IReadOnlySet<string> Disabled { get; init; } = new HashSet<string>();

    public IPEndPoint? Smsc { get; init; }

    public string SystemId { get; init; } = "reference";

    public string Password { get; init; } = "";

    /// <summary>The sender named in 【】 at the head of every warning (the carrier's name).</summary>
    public string Sender { get; init; } = "参考网络";

    /// <summary>The source address of warning SMS (an alphanumeric or service code, never a callable number).</summary>
    public string SourceAddress { get; init; } = "FZSR";

    public Uri? PushUrl { get; init; }

    public int PushAttempts { get; init; } = 5;

    /// <summary>
    /// The wait before the first retry, doubled for each next one. Half a second, not less: a retry's gaps are what shows
    /// the back-off on the wire, and a loaded machine delays a post by a few hundred milliseconds now and then.
    /// </summary>
    public TimeSpan PushFirstRetry { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Whether each retry waits twice as long as the one before (false only for the back-off mutant).</summary>
    public bool PushBacksOff { get; init; } = true;

    /// <summary>
    /// How many warning SMS the node keeps the record of (GET /v1/warnings/sms), newest first kept: at thousands of
    /// intercepted calls a second, a record of every one since the node started would fill its memory within hours.
    /// </summary>
    public int DeliveriesKept { get; init; } = 100_000;

    /// <summary>False only in the mutant: receipts are read off the link and dropped, so every warning stays "submitted".</summary>
    public bool RecordsReceipts { get; init; } = true;

    public static WarningOptions From(IConfiguration section)
    {
        var options = new WarningOptions();
        var disabled = section.GetSection("DisabledRules").Get<string[]>() ?? [];
        var unknown = disabled.Where(r => !Mutants.Contains(r, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (unknown.Length > 0)
        {
            throw new InvalidOperationException($"Configuration Warnings:DisabledRules names {string.Join(", ", unknown)}; those known are {string.Join(", ", Mutants)}.");
        }

        var off = new HashSet<string>(disabled, StringComparer.OrdinalIgnoreCase);
        options = options with { Disabled = off, RecordsReceipts = !off.Contains(ReceiptMutant) };
        if (section["Smsc"] is { Length: > 0 } smsc)
        {
            options = options with
            {
                Smsc = IPEndPoint.TryParse(smsc, out var endpoint) && endpoint.Port > 0
                    ? endpoint
                    : throw new InvalidOperationException($"Configuration Warnings:Smsc is '{smsc}'; expected the SMSC's address as ip:port, such as 127.0.0.1:2775."),
            };
        }

        if (section["PushUrl"] is { Length: > 0 } push)
        {
            options = options with
            {
                PushUrl = Uri.TryCreate(push, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
                    ? url
                    : throw new InvalidOperationException($"Configuration Warnings:PushUrl is '{push}'; expected an absolute http(s) URL."),
            };
        }

        if (section["PushAttempts"] is { } attempts)
        {
            options = options with
            {
                PushAttempts = int.TryParse(attempts, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
                    ? n
                    : throw new InvalidOperationException($"Configuration Warnings:PushAttempts is '{attempts}'; expected a whole number, 1 or more."),
            };
        }

        if (section["DeliveriesKept"] is { } kept)
        {
            options = options with
            {
                DeliveriesKept = int.TryParse(kept, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
                    ? n
                    : throw new InvalidOperationException($"Configuration Warnings:DeliveriesKept is '{kept}'; expected a whole number, 1 or more."),
            };
        }

        if (off.Contains(PushRetryMutant))
        {
            options = options with { PushAttempts = 1 };
        }

        if (off.Contains(PushBackOffMutant))
        {
            options = options with { PushBacksOff = false };
        }

        return options with
        {
            SystemId = section["SystemId"] ?? options.SystemId,
            Password = section["Password"] ?? options.Password,
            Sender = section["Sender"] ?? options.Sender,
            SourceAddress = section["SourceAddress"] ?? options.SourceAddress,
        };
    }
}
