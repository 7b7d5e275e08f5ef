namespace Reference.Storage;

/// <summary>
/// One step of the schema: applied once, in order of <see cref="Version"/>, in one transaction with the row that
/// records it. Statements are in SQL both SQLite and PostgreSQL accept; {id} stands for an auto-numbered primary key,
/// which the two spell differently. A step only a server has the means for (<paramref name="ServerOnly"/>, such as change
/// notifications) is recorded on an embedded store without running its statements, so that versions stay in step.
/// </summary>
public sealed record Migration(int Version, string Name, IReadOnlyList<string> Statements, bool ServerOnly = false);
