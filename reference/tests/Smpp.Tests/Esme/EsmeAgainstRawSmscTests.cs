using System.Net;
using System.Net.Sockets;
using Smpp.Esme;
using Smpp.Pdus;
using Smpp.Transport;

namespace Smpp.Tests.Esme;

/// <summary>The ESME facing an SMSC that sends what the suite's SMSC never does: unknown commands, deliver_sm, unbind, garbage.</summary>
public class EsmeAgainstRawSmscTests
{
    [Test]
    public async Task The_esme_answers_what_an_smsc_may_send_and_rebinds_after_an_unbind()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        await using var esme = new EsmeClient(new EsmeOptions { SystemId = "warner", ReconnectInitialDelay = TimeSpan.FromMilliseconds(10) }, SmppConnectors.Tcp((IPEndPoint)listener.LocalEndpoint));
        var delivered = new TaskCompletionSource<ShortMessagePdu>(TaskCreationOptions.RunContinuationsAsynchronously);
        esme.DeliverReceived += pdu => delivered.TrySetResult(pdu);
        esme.Start();

        await using (var smsc = await AcceptAndBind(listener))
        {
            await smsc.SendRawAsync(Convert.FromHexString("00000010" + "00000103" + "00000000" + "00000021"));
            Assert.That(await smsc.ReadAsync(), Is.EqualTo(HeaderOnlyPdu.GenericNack(CommandStatus.InvalidCommandId, 0x21)));

            var deliver = new ShortMessagePdu(CommandId.DeliverSm) { SequenceNumber = 0x22, SourceAddress = "13800138000", DestinationAddress = "12321", ShortMessage = "TD"u8.ToArray() };
            Assert.That(await smsc.RequestAsync(deliver), Is.EqualTo(new ShortMessageResponse(CommandId.DeliverSmResp) { SequenceNumber = 0x22 }));
            Assert.That((await delivered.Task.WaitAsync(TimeSpan.FromSeconds(5))).SourceAddress, Is.EqualTo("13800138000"));

            Assert.That(await smsc.RequestAsync(new HeaderOnlyPdu(CommandId.EnquireLink) { SequenceNumber = 0x23 }), Is.EqualTo(new HeaderOnlyPdu(CommandId.EnquireLinkResp) { SequenceNumber = 0x23 }));
            Assert.That(await smsc.RequestAsync(new HeaderOnlyPdu(CommandId.Unbind) { SequenceNumber = 0x24 }), Is.EqualTo(new HeaderOnlyPdu(CommandId.UnbindResp) { SequenceNumber = 0x24 }));
        }

        await using (var again = await AcceptAndBind(listener))
        {
            await again.SendRawAsync(Convert.FromHexString("00000004" + "00000015" + "00000000" + "00000025"));
            var nack = await again.ReadAsync();
            Assert.That(nack!.CommandId, Is.EqualTo(CommandId.GenericNack));
            Assert.That(nack.Status, Is.EqualTo(CommandStatus.InvalidCommandLength));
        }

        await using var third = await AcceptAndBind(listener);
        Assert.That(await Eventually.Until(() => esme.Binds == 3), Is.True, "after an unbind and after garbage the ESME binds again");
    }

    private static async Task<RawPeer> AcceptAndBind(TcpListener listener)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var socket = await listener.AcceptSocketAsync(timeout.Token);
        var peer = new RawPeer(socket);
        var bind = await peer.ReadAsync();
        Assert.That(bind, Is.TypeOf<BindRequest>());
        await peer.Connection.WriteAsync(new BindResponse(CommandId.BindTransceiverResp) { SequenceNumber = bind!.SequenceNumber, SystemId = "raw" }, CancellationToken.None);
        return peer;
    }

    private sealed class RawPeer(Socket socket) : IAsyncDisposable
    {
        private readonly NetworkStream _stream = new(socket, ownsSocket: true);

        public PduConnection Connection { get; } = new(new NetworkStream(socket, ownsSocket: false));

        public async Task SendRawAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

        public async Task<Pdu?> RequestAsync(Pdu request)
        {
            await Connection.WriteAsync(request, CancellationToken.None);
            return await ReadAsync();
        }

        public async Task<Pdu?> ReadAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            while (true)
            {
                var result = await Connection.ReadAsync(timeout.Token);
                if (result?.Pdu is HeaderOnlyPdu { CommandId: CommandId.EnquireLink })
                {
                    continue;
                }

                return result?.Pdu;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Connection.DisposeAsync();
            await _stream.DisposeAsync();
        }
    }
}
