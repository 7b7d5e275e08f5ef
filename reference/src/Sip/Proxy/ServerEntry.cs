using Sip.Transactions;

namespace Sip.Proxy;

/// <summary>A server transaction in the proxy's table, INVITE or not, and the response context of the request it forwarded.</summary>
internal sealed class ServerEntry(SipTransaction transaction)
{
    public SipTransaction Transaction { get; } = transaction;

    public ServerInviteTransaction? Invite => Transaction as ServerInviteTransaction;

    public ResponseContext? Context { get; set; }

    public void Respond(SipResponse response)
    {
        switch (Transaction)
        {
            case ServerInviteTransaction invite:
                invite.Respond(response);
                break;
            case ServerNonInviteTransaction other:
                other.Respond(response);
                break;
        }
    }

    public void OnRetransmission()
    {
        switch (Transaction)
        {
            case ServerInviteTransaction invite:
                invite.OnRetransmission();
                break;
            case ServerNonInviteTransaction other:
                other.OnRetransmission();
                break;
        }
    }
}
