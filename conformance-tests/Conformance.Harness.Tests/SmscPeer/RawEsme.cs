using System.Net;
using System.Net.Sockets;
using Smpp.Codec;
using Smpp.Pdus;
using Smpp.Transport;

namespace Conformance.Harness.Tests.SmscPeer;

/// <summary>A bare SMPP peer for poking the suite's SMSC with exact PDUs and raw bytes.</summary>
internal sealed class RawEsme : IAsyncDisposable
{
    private readonly TcpClient _client = new();
    private PduConnection? _connection;

    public PduConnection Connection => _connection ?? throw new InvalidOperationException("Connect first.");

    public async Task ConnectAsync(IPEndPoint endPoint)
    {
        await _client.ConnectAsync(endPoint);
        _connection = new PduConnection(_client.GetStream());
    }

    public async Task SendRawAsync(byte[] bytes) => await _client.GetStream().WriteAsync(bytes);

    public async Task<Pdu?> RequestAsync(Pdu request)
    {
        await Connection.WriteAsync(request, CancellationToken.None);
        return await ReadAsync();
    }

    public async Task<Pdu?> ReadAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var result = await Connection.ReadAsync(timeout.Token);
        return result?.Pdu;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _client.Dispose();
    }

    public static BindRequest Bind(string password, uint sequence = 1) =>
        new(CommandId.BindTransmitter) { SystemId = "warner", Password = password, SequenceNumber = sequence };

    public static byte[] Raw(string hex) => Convert.FromHexString(hex);

    public static ShortMessagePdu Submit(string destination, string text, uint sequence) => new(CommandId.SubmitSm)
    {
        SequenceNumber = sequence,
        SourceAddress = "12321",
        DestinationAddress = destination,
        DataCoding = 0x08,
        ShortMessage = Smpp.Text.ShortMessageText.Encode(text, 0x08),
    };

    public static int HeaderLength => PduCodec.HeaderLength;
}
