using System.Net.Sockets;
using System.Text;

namespace Conformance.Harness.Tests;

/// <summary>Answers one HTTP request on a listener with a JSON body and returns the request as received, headers included.</summary>
public static class OneShotHttpServer
{
    public static async Task<string> AnswerOnce(TcpListener server, string json)
    {
        using var connection = await server.AcceptTcpClientAsync();
        var stream = connection.GetStream();
        var buffer = new byte[8192];
        var received = new StringBuilder();
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var n = await stream.ReadAsync(buffer);
            if (n == 0)
            {
                break;
            }

            received.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }

        var body = Encoding.UTF8.GetBytes(json);
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"));
        await stream.WriteAsync(body);
        return received.ToString();
    }
}
