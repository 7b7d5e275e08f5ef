using System.Net;
using System.Net.Sockets;
using Sip.Transport;

namespace Sip.Tests.Transport;

/// <summary>
/// A proxy's UDP socket hears from the caller and the callee in turn: each datagram's source must map to the endpoint
/// made for that peer before (no allocation, and its address text formatted once), not only when it repeats the last.
/// </summary>
public sealed class RemoteEndPointsTests
{
    private static SocketAddress Raw(int port) => new IPEndPoint(IPAddress.Loopback, port).Serialize();

    [Test]
    public void PeersHeardInTurnKeepTheirEndPoints()
    {
        var endPoints = new RemoteEndPoints(AddressFamily.InterNetwork);
        var caller = endPoints.For(Raw(25061));
        var callee = endPoints.For(Raw(25070));

        Assert.Multiple(() =>
        {
            Assert.That(caller, Is.EqualTo(new IPEndPoint(IPAddress.Loopback, 25061)));
            Assert.That(callee, Is.EqualTo(new IPEndPoint(IPAddress.Loopback, 25070)));
            Assert.That(endPoints.For(Raw(25061)), Is.SameAs(caller));
            Assert.That(endPoints.For(Raw(25070)), Is.SameAs(callee));
            Assert.That(endPoints.For(Raw(25061)), Is.SameAs(caller));
        });
    }

    [Test]
    public void ASourceForgottenAfterManyOthersIsMadeAgainAndStillRight()
    {
        var endPoints = new RemoteEndPoints(AddressFamily.InterNetwork);
        var first = endPoints.For(Raw(30000));
        for (var port = 30001; port <= 30008; port++)
        {
            endPoints.For(Raw(port));
        }

        var again = endPoints.For(Raw(30000));
        Assert.Multiple(() =>
        {
            Assert.That(again, Is.Not.SameAs(first), "eight newer sources pushed it out");
            Assert.That(again, Is.EqualTo(first));
            Assert.That(endPoints.For(Raw(30008)), Is.EqualTo(new IPEndPoint(IPAddress.Loopback, 30008)));
        });
    }
}
