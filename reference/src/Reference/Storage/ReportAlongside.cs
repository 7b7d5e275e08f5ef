using System.Data.Common;

namespace Reference.Storage;

/// <summary>Work to write in the same transaction as a report (<see cref="SqlLabelJournal.Alongside"/>), while it is open.</summary>
public sealed class ReportAlongside(SqlDatabase database, Action<DbTransaction> work, Action closed) : IDisposable
{
    internal SqlDatabase Database => database;

    internal Action<DbTransaction> Work => work;

    /// <summary>True once a report's write took the work in.</summary>
    public bool Taken { get; internal set; }

    public void Dispose() => closed();
}
