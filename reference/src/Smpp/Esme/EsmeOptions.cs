using Smpp.Pdus;

namespace Smpp.Esme;

/// <summary>How an ESME binds, how many requests it keeps open, and how it times, retries and gives up.</summary>
public sealed record EsmeOptions
{
    public string SystemId { get; init; } = "";

    public string Password { get; init; } = "";

    public string SystemType { get; init; } = "";

    /// <summary>BindTransmitter or BindTransceiver; a warning sender never needs to only receive.</summary>
    public CommandId BindCommand { get; init; } = CommandId.BindTransceiver;

    /// <summary>Requests sent but not yet answered; the sender waits when this many are open.</summary>
    public int WindowSize { get; init; } = 10;

    /// <summary>A request unanswered for this long means the link is dead: it is closed and its messages re-sent.</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Silence on the link for this long sends an enquire_link.</summary>
    public TimeSpan EnquireLinkInterval { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan ReconnectInitialDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>First pause after ESME_RTHROTTLED; doubled for each further throttle in a row.</summary>
    public TimeSpan ThrottleInitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan ThrottleMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per segment (throttled, refused with a transient error, or lost with the link) before it is recorded undeliverable.</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>A message still not accepted this long after it was queued, while no link is bound, is recorded undeliverable.</summary>
    public TimeSpan GiveUpAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Pack GSM 7-bit text (data_coding 0x00) eight septets in seven octets; most SMSCs expect it unpacked, one septet per octet.</summary>
    public bool PackGsm7 { get; init; }

    /// <summary>
    /// How many undeliverable results <see cref="EsmeClient.Undeliverable"/> keeps, newest kept: through a long SMSC
    /// outage every message ends undeliverable, and a record of them all would grow without end.
    /// </summary>
    public int UndeliverableKept { get; init; } = 10_000;

    public void Validate()
    {
        if (BindCommand is not (CommandId.BindTransmitter or CommandId.BindTransceiver))
        {
            throw new ArgumentException($"BindCommand is {BindCommand}; an ESME that submits must bind as BindTransmitter or BindTransceiver.");
        }

        if (WindowSize < 1 || MaxAttempts < 1 || UndeliverableKept < 1)
        {
            throw new ArgumentException($"WindowSize ({WindowSize}), MaxAttempts ({MaxAttempts}) and UndeliverableKept ({UndeliverableKept}) must be at least 1.");
        }

        if (ResponseTimeout <= TimeSpan.Zero || EnquireLinkInterval <= TimeSpan.Zero || ReconnectInitialDelay <= TimeSpan.Zero || ThrottleInitialDelay <= TimeSpan.Zero)
        {
            throw new ArgumentException("ResponseTimeout, EnquireLinkInterval, ReconnectInitialDelay and ThrottleInitialDelay must be positive.");
        }
    }
}
