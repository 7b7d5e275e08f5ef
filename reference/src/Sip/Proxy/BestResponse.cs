namespace Sip.Proxy;

/// <summary>
/// RFC 3261 §16.7 step 6: which of a request's final responses goes upstream when every branch has answered.
/// A 6xx wins over everything (the callee declined everywhere), then a 2xx, then the lowest class; within a class
/// the one that came first. With one branch this returns its response; with forking it chooses among them.
/// </summary>
public static class BestResponse
{
    /// <summary>The better of the best so far and a new final response.</summary>
    public static SipResponse Better(SipResponse? best, SipResponse candidate)
    {
        if (best is null)
        {
            return candidate;
        }

        return Rank(candidate) < Rank(best) ? candidate : best;
    }

    public static SipResponse? Choose(IEnumerable<SipResponse> finals)
    {
        SipResponse? best = null;
        foreach (var response in finals)
        {
            best = Better(best, response);
        }

        return best;
    }

    /// <summary>Lower is better: 6xx, 2xx, 3xx, 4xx, 5xx.</summary>
    private static int Rank(SipResponse response) => (response.StatusCode / 100) switch
    {
        6 => 0,
        2 => 1,
        var klass => klass,
    };
}
