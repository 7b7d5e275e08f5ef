using System.Data.Common;

namespace Reference.Storage;

/// <summary>Work to write in the same transaction as a report (<see cref="SqlLabelJournal.Alongside"/>), while it is open.</summary>
/// <remarks>The work is told what the report comes to when the book knew it before the write (an awaited report), else null.</remarks>
public sealed class ReportAlongside(SqlDatabase database, Action<DbTransaction, Labelling.ReportResult?> work, Action closed) : IDisposable
{
    internal SqlDatabase Database => database;

    internal Action<DbTransaction, Labelling.ReportResult?> Work => work;

    /// <summary>True once a report's write took the work in.</summary>
    public bool Taken { get; internal set; }

    public void Dispose() => closed();
}
