using Sip.Transport;

namespace Sip.Tests.Transport;

/// <summary>A message handler whose first call throws <paramref name="thrown"/> and whose second call is awaited.</summary>
internal sealed class HandlerFailingOnce(Type thrown)
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public TaskCompletionSource Second { get; } = new();

    public ValueTask Handle(InboundMessage inbound)
    {
        if (Interlocked.Increment(ref _calls) == 1)
        {
            throw (Exception)Activator.CreateInstance(thrown, "a broken handler")!;
        }

        Second.TrySetResult();
        return ValueTask.CompletedTask;
    }
}
