namespace Sip.Proxy;

/// <summary>A final response held at an <see cref="IResponseBarrier"/>, sent when it is released.</summary>
public interface IBarrierWaiter
{
    void Release();
}
