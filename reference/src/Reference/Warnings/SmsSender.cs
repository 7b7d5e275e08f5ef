using global::Smpp.Esme;

namespace Reference.Warnings;

/// <summary>
/// The node as an ESME: binds to the configured SMSC when the node starts and submits warning SMS. The ESME retries
/// through dropped links and throttling; what it finally cannot deliver it records, and this logs each one.
/// </summary>
public sealed class SmsSender(WarningOptions options, ILogger<SmsSender> logger) : IHostedService, IAsyncDisposable
{
    private EsmeClient? _esme;

    public bool Enabled => options.Smsc is not null;

    public IReadOnlyList<SubmissionResult> Undeliverable => _esme?.Undeliverable ?? [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Smsc is not { } smsc)
        {
            return Task.CompletedTask;
        }

        _esme = new EsmeClient(
            new EsmeOptions { SystemId = options.SystemId, Password = options.Password, ReconnectMaxDelay = TimeSpan.FromSeconds(5), GiveUpAfter = TimeSpan.FromSeconds(60) },
            SmppConnectors.Tcp(smsc),
            TimeProvider.System,
            logger);
        _esme.Completed += result =>
        {
            if (result.Outcome != SubmissionOutcome.Accepted)
            {
                logger.LogWarning("Warning SMS to {Destination} undeliverable: {Reason}", result.Message.Destination, result.Reason);
            }
        };
        _esme.Start();
        logger.LogInformation("Warnings by SMS through the SMSC at {Smsc}", smsc);
        return Task.CompletedTask;
    }

    /// <summary>Queues the message; returns at once (the ESME sends it as soon as its window allows).</summary>
    public void Send(string destination, string text, byte dataCoding)
    {
        _esme?.SubmitAsync(new OutboundMessage(options.SourceAddress, destination, text, dataCoding));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_esme is not null)
        {
            await _esme.StopAsync(TimeSpan.FromSeconds(2));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_esme is not null)
        {
            await _esme.DisposeAsync();
            _esme = null;
        }
    }
}
