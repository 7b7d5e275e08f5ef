using System.Globalization;
using Sip.Transport;

namespace Sip.Proxy;

/// <summary>
/// What every request this proxy forwards gets, statefully or not: Max-Forwards one lower on a copy (§16.6 step 3)
/// and this proxy's Via on top (step 8), with a fresh branch, or for stateless forwarding one derived from the
/// incoming request so that its retransmissions get the same (§16.11).
/// </summary>
internal static class ForwardedCopy
{
    // Every request this proxy forwards on a transport gets the same Via but for its branch: that text is made once.
    [ThreadStatic]
    private static (ISipTransport Transport, string Text)? t_viaUpToBranch;

    /// <summary>
    /// A copy of <paramref name="request"/> with Max-Forwards decremented; false (and <paramref name="forwarded"/> the
    /// request itself) when it is already zero. A missing or unreadable Max-Forwards counts as 70.
    /// </summary>
    public static bool TryDecrementMaxForwards(SipRequest request, out SipRequest forwarded)
    {
        var maxForwards = int.TryParse(request.Headers[HeaderNames.MaxForwards], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 70;
        forwarded = request;
        if (maxForwards <= 0)
        {
            return false;
        }

        forwarded = request.Clone();
        forwarded.Headers.Set(HeaderNames.MaxForwards, (maxForwards - 1).ToString(CultureInfo.InvariantCulture));
        return true;
    }

    public static void PushVia(SipRequest forwarded, ISipTransport outbound, string branch)
    {
        var local = outbound.LocalEndPoint;
        var via = new ViaHeader { Transport = outbound.Protocol, Host = local.Address.ToString(), Port = local.Port };
        via.Parameters.Set("branch", branch);
        forwarded.Headers.Prepend(HeaderNames.Via, string.Concat(ViaTextUpToBranch(outbound, via), branch));

        // The client transaction's key is read from this Via: the view it was written from, not a parse of its text.
        forwarded.RememberTopVia(via);
    }

    /// <summary>
    /// A stateless proxy's branch must be the same for a request's retransmissions, so it is derived from the
    /// incoming branch (RFC 3261 §16.11).
    /// </summary>
    [System.Runtime.CompilerServices.SkipLocalsInit]
    public static string StatelessBranch(SipRequest request)
    {
        // Every ACK for a 2xx takes this path, so the seed and its hash stay on the stack unless the seed is too long
        // for it (a huge Call-ID), which is written again into a rented buffer.
        var via = request.TopVia;
        Span<char> text = stackalloc char[256];
        char[]? rented = null;
        int written;
        while (!text.TryWrite(CultureInfo.InvariantCulture, $"{via?.Branch}|{via?.Host}|{via?.Port}|{request.CallId}|{request.CSeq?.Sequence}|{request.Method}", out written))
        {
            var larger = System.Buffers.ArrayPool<char>.Shared.Rent(text.Length * 4);
            if (rented is not null)
            {
                System.Buffers.ArrayPool<char>.Shared.Return(rented);
            }

            rented = larger;
            text = larger;
        }

        // Hashed as the UTF-16 the seed was written in: the branch only has to be the same for the same request. BLAKE3
        // here is managed code; SHA-256 went through OpenSSL, whose per-call set-up cost more than the hash.
        Span<byte> hash = stackalloc byte[10];
        Blake3.Hasher.Hash(System.Runtime.InteropServices.MemoryMarshal.AsBytes(text[..written]), hash);
        if (rented is not null)
        {
            System.Buffers.ArrayPool<char>.Shared.Return(rented);
        }

        Span<char> hex = stackalloc char[hash.Length * 2];
        Convert.TryToHexStringLower(hash, hex, out _);
        return string.Concat(Tags.BranchMagicCookie, hex);
    }

    private static string ViaTextUpToBranch(ISipTransport outbound, ViaHeader via)
    {
        if (t_viaUpToBranch is { } last && ReferenceEquals(last.Transport, outbound))
        {
            return last.Text;
        }

        var sentBy = new ViaHeader { Transport = via.Transport, Host = via.Host, Port = via.Port };
        var text = string.Concat(sentBy.ToString(), ";branch=");
        t_viaUpToBranch = (outbound, text);
        return text;
    }
}
