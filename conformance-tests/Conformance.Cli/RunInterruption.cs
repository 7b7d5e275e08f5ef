using System.Runtime.InteropServices;

namespace Conformance.Cli;

/// <summary>
/// Ctrl-C (SIGINT) or SIGTERM during a run: the first one lets the scenario under way finish, then the run stops and
/// its bundle is written, marked interrupted; a second one ends the process at once, as the terminal's default would.
/// </summary>
public sealed class RunInterruption : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private readonly Action<string> _notice;

    private RunInterruption(Action<string> notice)
    {
        _notice = notice;
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    /// <summary>Cancelled at the first signal.</summary>
    public CancellationToken Token => _stop.Token;

    public bool Requested => _stop.IsCancellationRequested;

    public static RunInterruption Listen(Action<string> notice) => new(notice);

    private void Handle(PosixSignalContext context)
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        context.Cancel = true;
        _notice($"{context.Signal}: finishing the scenario under way, then writing the bundle marked interrupted; send it again to stop at once.");
        _stop.Cancel();
    }

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _stop.Dispose();
    }
}
