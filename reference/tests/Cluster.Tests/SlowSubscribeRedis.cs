using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cluster.Tests;

/// <summary>
/// A stand-in for Redis on a free loopback port that speaks just enough RESP for StackExchange.Redis to connect (it
/// answers as a standalone Redis 7 primary holding nothing) and answers a SUBSCRIBE to the cluster's channels ("rc:…")
/// only after <see cref="Lateness"/>: the reply a busy machine delays past the node's Redis time-out, which a real
/// redis-server cannot be made to do for one command. It can publish on a channel and drop every connection.
/// </summary>
public sealed class SlowSubscribeRedis : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Client, byte> _clients = new();
    private readonly ConcurrentQueue<string> _received = new();
    private readonly ConcurrentDictionary<string, int> _confirmations = new(StringComparer.Ordinal);
    private readonly Task _accepting;
    private int _nextId;

    public SlowSubscribeRedis()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string Endpoint => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>How long a SUBSCRIBE to a channel of the cluster waits for its reply; zero answers at once.</summary>
    public TimeSpan Lateness { get; set; }

    /// <summary>Every command received, in order, its words joined by spaces.</summary>
    public IReadOnlyCollection<string> Received => _received;

    /// <summary>SUBSCRIBE replies sent for <paramref name="channel"/>, over every connection there has been.</summary>
    public int Confirmed(string channel) => _confirmations.GetValueOrDefault(channel);

    /// <summary>Sends <paramref name="message"/> on <paramref name="channel"/> to every connection whose SUBSCRIBE to it was answered.</summary>
    public async Task<int> PublishAsync(string channel, string message)
    {
        var reached = 0;
        foreach (var client in _clients.Keys)
        {
            if (client.Confirmed(channel))
            {
                await client.WriteAsync(Array("message", channel, message));
                reached++;
            }
        }

        return reached;
    }

    /// <summary>Closes every connection, as a Redis restart would; the client connects again on its own.</summary>
    public void DropConnections()
    {
        foreach (var client in _clients.Keys)
        {
            // Forgotten at once, so that a publication right after goes only to the connections made since.
            _clients.TryRemove(client, out _);
            client.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        DropConnections();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is ObjectDisposedException or SocketException or OperationCanceledException)
        {
            // The listener was stopped under the accept: the end of the server.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptTcpClientAsync(_stop.Token);
            var client = new Client(socket, Interlocked.Increment(ref _nextId));
            _clients[client] = 0;
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Client client)
    {
        try
        {
            while (await client.ReadCommandAsync(_stop.Token) is { } words)
            {
                _received.Enqueue(string.Join(' ', words));
                await AnswerAsync(client, words);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or OperationCanceledException)
        {
            // The connection was dropped, by the client or by the test: said among the commands, for a failure's message.
            _received.Enqueue($"(connection {client.Id} ended: {ex.Message})");
        }
        finally
        {
            _clients.TryRemove(client, out _);
            client.Close();
        }
    }

    private async Task AnswerAsync(Client client, string[] words)
    {
        switch (words[0].ToUpperInvariant())
        {
            case "PING":
                await client.WriteAsync(client.Subscribed ? Array("pong", string.Empty) : "+PONG\r\n");
                break;
            case "ECHO":
                await client.WriteAsync(Bulk(words[1]));
                break;
            case "INFO":
                await client.WriteAsync(Bulk("# Server\r\nredis_version:7.2.4\r\nredis_mode:standalone\r\n# Replication\r\nrole:master\r\nconnected_slaves:0\r\n"));
                break;
            case "CLIENT" when words.Length > 1 && words[1].Equals("ID", StringComparison.OrdinalIgnoreCase):
                await client.WriteAsync($":{client.Id}\r\n");
                break;
            case "CLIENT" or "SELECT":
                await client.WriteAsync("+OK\r\n");
                break;
            case "CONFIG" or "ZRANGE":
                await client.WriteAsync("*0\r\n");
                break;
            case "GET":
                await client.WriteAsync("$-1\r\n");
                break;
            case "SUBSCRIBE":
                foreach (var channel in words.Skip(1))
                {
                    if (channel.StartsWith("rc:", StringComparison.Ordinal) && Lateness > TimeSpan.Zero)
                    {
                        // Later commands on this connection wait behind it, as Redis answers a connection in order.
                        await Task.Delay(Lateness, _stop.Token);
                    }

                    await client.WriteAsync(Array("subscribe", channel, client.Subscribe(channel)));
                    _confirmations.AddOrUpdate(channel, 1, (_, before) => before + 1);
                }

                break;
            default:
                // HELLO among them, refused as a Redis before 6 refuses it: the client then speaks RESP2, where a
                // subscription's replies and messages are plain arrays.
                await client.WriteAsync($"-ERR unknown command '{words[0]}'\r\n");
                break;
        }
    }

    // Latin-1 turns each byte into one char and back: the client's ECHO carries random bytes it checks on their return.
    private static string Bulk(string text) => $"${Encoding.Latin1.GetByteCount(text)}\r\n{text}\r\n";

    private static string Array(params object[] items)
    {
        var reply = new StringBuilder().Append(CultureInfo.InvariantCulture, $"*{items.Length}\r\n");
        foreach (var item in items)
        {
            reply.Append(item is int number ? string.Create(CultureInfo.InvariantCulture, $":{number}\r\n") : Bulk((string)item));
        }

        return reply.ToString();
    }

    private sealed class Client(TcpClient socket, int id)
    {
        private readonly NetworkStream _stream = socket.GetStream();
        private readonly SemaphoreSlim _writing = new(1, 1);
        private readonly ConcurrentDictionary<string, byte> _confirmed = new(StringComparer.Ordinal);
        private readonly byte[] _buffer = new byte[4096];
        private int _start;
        private int _end;

        public int Id => id;

        public bool Subscribed => !_confirmed.IsEmpty;

        public bool Confirmed(string channel) => _confirmed.ContainsKey(channel);

        /// <summary>Counts the channel as answered and returns how many this connection is subscribed to.</summary>
        public int Subscribe(string channel)
        {
            _confirmed[channel] = 0;
            return _confirmed.Count;
        }

        public async Task WriteAsync(string reply)
        {
            await _writing.WaitAsync();
            try
            {
                await _stream.WriteAsync(Encoding.Latin1.GetBytes(reply));
            }
            finally
            {
                _writing.Release();
            }
        }

        public void Close() => socket.Close();

        /// <summary>One command, an array of bulk strings as every client sends them; null at the end of the stream.</summary>
        public async Task<string[]?> ReadCommandAsync(CancellationToken stop)
        {
            if (await ReadLineAsync(stop) is not { } header)
            {
                return null;
            }

            var words = new string[int.Parse(header.AsSpan(1), CultureInfo.InvariantCulture)];
            for (var i = 0; i < words.Length; i++)
            {
                var length = int.Parse((await ReadLineAsync(stop))!.AsSpan(1), CultureInfo.InvariantCulture);
                while (_end - _start < length + 2)
                {
                    if (!await FillAsync(stop))
                    {
                        throw new IOException("the connection closed within a command");
                    }
                }

                words[i] = Encoding.Latin1.GetString(_buffer, _start, length);
                _start += length + 2;
            }

            return words;
        }

        private async Task<string?> ReadLineAsync(CancellationToken stop)
        {
            while (true)
            {
                var end = System.Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                if (end >= 0)
                {
                    var line = Encoding.Latin1.GetString(_buffer, _start, end - 1 - _start);
                    _start = end + 1;
                    return line;
                }

                if (!await FillAsync(stop))
                {
                    return null;
                }
            }
        }

        /// <summary>Reads more of the stream behind what is buffered; false at its end.</summary>
        private async Task<bool> FillAsync(CancellationToken stop)
        {
            if (_start > 0)
            {
                System.Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), stop);
            _end += read;
            return read > 0;
        }
    }
}
