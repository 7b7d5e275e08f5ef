using System.Net;
using System.Net.Sockets;
using Conformance.Harness.Targets;

namespace Conformance.Specs.Support;

/// <summary>
/// Starts one of the suite's own peers on the address the target file gives it. An address it cannot listen on (a
/// port another program holds) is a fault of the target file, so the error names the file's field and what to change,
/// instead of a bare socket error.
/// </summary>
internal static class SuitePeerStart
{
    public static async Task<T> ListenAsync<T>(string field, IPEndPoint address, Func<Task<T>> start)
    {
        try
        {
            return await start();
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            throw new TargetFileException($"{field}: the suite cannot listen on {address} ({ex.Message}); give a port no other program holds, or 0 for any free port.");
        }
    }

    public static Task<T> Listen<T>(string field, IPEndPoint address, Func<T> start) => ListenAsync(field, address, () => Task.FromResult(start()));
}
