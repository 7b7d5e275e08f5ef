using System.Net;
using Sip.Transport;

namespace Sip.Tests.Transport;

/// <summary>The native address a datagram is sent to must be the destination's, however the destination is named.</summary>
public sealed class SendAddressesTests
{
    private static byte[] Native(IPEndPoint endPoint)
    {
        var serialized = endPoint.Serialize();
        return serialized.Buffer.Span[..serialized.Size].ToArray();
    }

    [Test]
    public void EachDestinationGetsItsOwnAddress()
    {
        var addresses = new SendAddresses();
        var caller = new IPEndPoint(IPAddress.Loopback, 25061);
        var callee = new IPEndPoint(IPAddress.Parse("127.0.0.2"), 25070);

        Assert.Multiple(() =>
        {
            Assert.That(addresses.For(caller).ToArray(), Is.EqualTo(Native(caller)));
            Assert.That(addresses.For(callee).ToArray(), Is.EqualTo(Native(callee)));
            Assert.That(addresses.For(caller).ToArray(), Is.EqualTo(Native(caller)), "asked again, after another");
        });
    }

    [Test]
    public void AnEqualEndPointMadeElsewhereIsTheSameDestination()
    {
        var addresses = new SendAddresses();
        var first = addresses.For(new IPEndPoint(IPAddress.Loopback, 5060)).ToArray();

        var again = addresses.For(new IPEndPoint(IPAddress.Parse("127.0.0.1"), 5060));

        Assert.That(again.ToArray(), Is.EqualTo(first));
    }

    [Test]
    public void ManyDestinationsInTurnAreEachRight()
    {
        var addresses = new SendAddresses();
        var endPoints = Enumerable.Range(30000, 20).Select(port => new IPEndPoint(IPAddress.Loopback, port)).ToArray();

        foreach (var endPoint in endPoints.Concat(endPoints))
        {
            Assert.That(addresses.For(endPoint).ToArray(), Is.EqualTo(Native(endPoint)), endPoint.ToString());
        }
    }

    [Test]
    public void SendersOnManyThreadsEachGetTheirDestinations()
    {
        var addresses = new SendAddresses();
        var wrong = 0;
        Parallel.For(0, 8, thread =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                var endPoint = new IPEndPoint(IPAddress.Loopback, 40000 + ((thread * 7) + i) % 24);
                if (!addresses.For(endPoint).SequenceEqual(Native(endPoint)))
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        });

        Assert.That(wrong, Is.Zero);
    }
}
