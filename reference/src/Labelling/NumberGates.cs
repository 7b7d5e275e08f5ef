namespace Labelling;

/// <summary>
/// Turns to write, one number at a time: a change is written to the journal and then made in memory within its
/// number's turn, so that memory and the journal change in the same order. A turn may be held across a write that is
/// awaited (a request waiting for its group commit gives its thread back), which a monitor cannot be. Numbers share
/// a fixed set of gates by hash, so a book of millions of numbers holds no lock object per number; two numbers on one
/// gate only take turns.
/// </summary>
internal sealed class NumberGates
{
    private const int Gates = 4096;

    private readonly SemaphoreSlim[] _gates = Enumerable.Range(0, Gates).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public SemaphoreSlim For(string number) => _gates[Index(number)];

    /// <summary>The gates of several numbers, each once, in one fixed order: two writers taking them never wait on each other.</summary>
    public IReadOnlyList<SemaphoreSlim> For(IEnumerable<string> numbers) =>
        numbers.Select(Index).Distinct().Order().Select(i => _gates[i]).ToList();

    private static int Index(string number) => (int)((uint)StringComparer.Ordinal.GetHashCode(number) % Gates);
}
