namespace Reference.Cluster;

/// <summary>What a release announcement or an outage needs of a window's memory of full keys, whatever its key type.</summary>
internal interface IFullWindowMemory
{
    /// <summary>Forgets the key named by <paramref name="suffix"/> (the Redis key after the window's prefix and its colon).</summary>
    void Forget(ReadOnlySpan<char> suffix);

    void ForgetAll();
}
