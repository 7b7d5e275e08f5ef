namespace Sip.Transactions;

/// <summary>
/// Which transaction a message belongs to. RFC 3261 §17.2.3: a branch with the magic cookie, the sent-by of the
/// top Via and the method (ACK counts as INVITE); without the cookie, the RFC 2543 fallback of Request-URI,
/// From tag, Call-ID, CSeq number and top Via. §17.1.3 for responses: branch and CSeq method.
/// </summary>
/// <remarks>
/// A key is looked up several times per message (the server table, then each table of requests the proxy still
/// recognises) and in the tables' upkeep: its hash is computed once, when it is made, not on every lookup. It stays
/// the runtime's randomised string hash, so that branches chosen by a hostile peer cannot crowd one bucket.
/// </remarks>
public readonly struct TransactionKey : IEquatable<TransactionKey>
{
    private readonly int _hash;

    public TransactionKey(string branch, string sentBy, string method)
    {
        Branch = branch;
        SentBy = sentBy;
        Method = method;
        _hash = HashCode.Combine(branch.GetHashCode(StringComparison.Ordinal), sentBy.GetHashCode(StringComparison.Ordinal), method.GetHashCode(StringComparison.Ordinal));
    }

    /// <summary>A key whose hash its maker computed already, the same way (<see cref="RawTransactionKey"/>).</summary>
    internal TransactionKey(string branch, string sentBy, string method, int hash)
    {
        Branch = branch;
        SentBy = sentBy;
        Method = method;
        _hash = hash;
    }

    public string Branch { get; }

    public string SentBy { get; }

    public string Method { get; }

    public bool Equals(TransactionKey other) =>
        _hash == other._hash &&
        string.Equals(Branch, other.Branch, StringComparison.Ordinal) &&
        string.Equals(SentBy, other.SentBy, StringComparison.Ordinal) &&
        string.Equals(Method, other.Method, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is TransactionKey other && Equals(other);

    public override int GetHashCode() => _hash;

    public static bool operator ==(TransactionKey left, TransactionKey right) => left.Equals(right);

    public static bool operator !=(TransactionKey left, TransactionKey right) => !left.Equals(right);

    public override string ToString() => $"{Branch} {SentBy} {Method}";

    /// <summary>The server transaction a request belongs to; an ACK maps to its INVITE's transaction.</summary>
    public static TransactionKey? ForRequest(SipRequest request)
    {
        var method = request.Method == "ACK" ? "INVITE" : request.Method;

        // From the Via's bytes when they read so: the branch is the only string made.
        return RawTransactionKey.TryFor(request, method, out var raw) ? raw.ToKey() : Build(request, method);
    }

    /// <summary>The INVITE transaction a CANCEL refers to (§9.2: same key but the method).</summary>
    public static TransactionKey? InviteOf(SipRequest cancel) => Build(cancel, "INVITE");

    /// <summary>The client transaction a response belongs to.</summary>
    public static TransactionKey? ForResponse(SipResponse response)
    {
        var via = response.TopVia;
        var method = response.CSeq?.Method;
        if (via?.Branch is not { } branch || method is null)
        {
            return null;
        }

        return new TransactionKey(branch, SentByOf(via), method == "ACK" ? "INVITE" : method);
    }

    private static TransactionKey? Build(SipRequest request, string method)
    {
        var via = request.TopVia;
        if (via is null)
        {
            return null;
        }

        if (via.Branch is { } branch && branch.StartsWith(Tags.BranchMagicCookie, StringComparison.Ordinal))
        {
            return new TransactionKey(branch, SentByOf(via), method);
        }

        // RFC 2543 peers: no unique branch, so the dialog and sequence identify the transaction (§17.2.3, last part).
        var legacy = string.Join('|', request.RequestUri, request.From?.Tag, request.CallId, request.CSeq?.Sequence, via.ToString());
        return new TransactionKey(legacy, SentByOf(via), method);
    }

    // A trunk sends every request with the same sent-by, and a proxy's own sent-by tops every response it relays: the
    // last two made on this thread are reused, so that keys share strings rather than each of the thousands
    // remembered at a time holding its own.
    [ThreadStatic]
    private static (string Host, int? Port, string SentBy)? t_newerSentBy;

    [ThreadStatic]
    private static (string Host, int? Port, string SentBy)? t_olderSentBy;

    /// <summary>As the parsed sent-by's key text, from a Via's host bytes and port (-1 for none); null when the host is not ASCII.</summary>
    internal static string? SentByOf(ReadOnlySpan<byte> host, int port)
    {
        int? written = port < 0 ? null : port;
        if (t_newerSentBy is { } newer && newer.Port == written && System.Text.Ascii.Equals(host, newer.Host))
        {
            return newer.SentBy;
        }

        if (t_olderSentBy is { } older && older.Port == written && System.Text.Ascii.Equals(host, older.Host))
        {
            return older.SentBy;
        }

        if (!System.Text.Ascii.IsValid(host))
        {
            return null;
        }

        var text = System.Text.Encoding.ASCII.GetString(host);
        var sentBy = written is { } number ? $"{text.ToLowerInvariant()}:{number}" : text.ToLowerInvariant();
        t_olderSentBy = t_newerSentBy;
        t_newerSentBy = (text, written, sentBy);
        return sentBy;
    }

    private static string SentByOf(ViaHeader via)
    {
        if (t_newerSentBy is { } newer && newer.Port == via.Port && string.Equals(newer.Host, via.Host, StringComparison.Ordinal))
        {
            return newer.SentBy;
        }

        if (t_olderSentBy is { } older && older.Port == via.Port && string.Equals(older.Host, via.Host, StringComparison.Ordinal))
        {
            return older.SentBy;
        }

        var sentBy = via.Port is { } port ? $"{via.Host.ToLowerInvariant()}:{port}" : via.Host.ToLowerInvariant();
        t_olderSentBy = t_newerSentBy;
        t_newerSentBy = (via.Host, via.Port, sentBy);
        return sentBy;
    }
}
