using System.Globalization;
using System.Net.Sockets;
using Conformance.SpecModel;

namespace Conformance.Harness.Adapters;

/// <summary>
/// Whether the system under test is there at all, judged once before the first scenario: when no realm answered the
/// OPTIONS probe, or the management API takes no connection, every scenario would only wait out its time-outs, so
/// the run stops at once and says what did not answer.
/// </summary>
public static class Reachability
{
    /// <returns>One line naming what did not answer; null when something answered.</returns>
    public static async Task<string?> WhatDidNotAnswerAsync(SutEndpoints endpoints, IReadOnlyList<RealmProbe> probes, TimeSpan timeout)
    {
        var silent = new List<string>();
        if (probes.Count > 0 && probes.All(p => !p.Answered))
        {
            silent.Add(string.Create(CultureInfo.InvariantCulture,
                $"no realm answered SIP OPTIONS within {timeout.TotalMilliseconds:0} ms ({string.Join(", ", probes.Select(p => $"{p.Realm} {p.Address}"))})"));
        }

        if (endpoints.Management is { } management && await RefusalAsync(management, timeout) is { } refusal)
        {
            silent.Add($"the management API at {management} {refusal}");
        }

        return silent.Count == 0 ? null : string.Join("; ", silent);
    }

    /// <summary>Why a TCP connection to the API's host and port failed, or null when one was made: reachability, not health.</summary>
    private static async Task<string?> RefusalAsync(Uri url, TimeSpan timeout)
    {
        using var client = new TcpClient();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await client.ConnectAsync(url.Host, url.Port, deadline.Token);
            return null;
        }
        catch (OperationCanceledException)
        {
            return string.Create(CultureInfo.InvariantCulture, $"took no connection within {timeout.TotalMilliseconds:0} ms");
        }
        catch (SocketException ex)
        {
            return $"could not be reached ({ex.SocketErrorCode}: {ex.Message})";
        }
    }
}
