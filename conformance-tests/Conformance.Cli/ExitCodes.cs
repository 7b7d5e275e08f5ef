namespace Conformance.Cli;

/// <summary>Process exit codes, stable for CI pipelines that call the suite.</summary>
public static class ExitCodes
{
    public const int Conforming = 0;
    public const int MustFailed = 1;
    public const int UsageOrConfiguration = 2;
    public const int Inconclusive = 3;

    /// <summary>Stopped by Ctrl-C (SIGINT) or SIGTERM: 128 + SIGINT, as shells report a command ended by Ctrl-C.</summary>
    public const int Interrupted = 130;
}
