namespace Reference.Cluster;

/// <summary>Which script a <see cref="PendingEvent"/> runs.</summary>
internal enum PendingKind
{
    /// <summary>An event added to a window (<see cref="SharedCounterScripts.Add"/>).</summary>
    Add,

    /// <summary>A flag, added and announced (<see cref="SharedCounterScripts.Flag"/>).</summary>
    Flag,

    /// <summary>A reservation given back (<see cref="SharedCounterScripts.Release"/>).</summary>
    Release,
}
