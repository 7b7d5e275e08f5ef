using Smpp.Pdus;

namespace Smpp.Esme;

/// <summary>The SMSC refused the bind; the ESME keeps retrying with back-off, since credentials can be fixed on the other side.</summary>
public sealed class SmppBindException(CommandStatus status)
    : Exception($"the SMSC refused the bind with {status} (0x{(uint)status:X8}); check system_id and password in the target file")
{
    public CommandStatus Status { get; } = status;
}
