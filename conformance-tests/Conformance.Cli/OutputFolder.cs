namespace Conformance.Cli;

/// <summary>
/// The folder a run writes its bundle to. One that already holds anything is refused unless --force: an earlier
/// run's evidence would otherwise sit beside the new bundle, and a bundle folder holding files its manifest does not
/// list does not verify. --force empties the folder, but never the one the command runs in or one above it.
/// </summary>
public static class OutputFolder
{
    public static void Prepare(string path, bool force)
    {
        if (File.Exists(path))
        {
            throw new ConfigurationException($"--out {path} is a file; give a folder for the result bundle.");
        }

        var directory = new DirectoryInfo(path);
        var entries = directory.Exists ? directory.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).ToList() : [];
        if (entries.Count > 0)
        {
            var shown = string.Join(", ", entries.Take(3).Select(e => e.Name)) + (entries.Count > 3 ? ", …" : string.Empty);
            if (!force)
            {
                throw new ConfigurationException($"--out {path} is not empty ({entries.Count} entries: {shown}); give an empty or new folder, or add --force to empty this one first.");
            }

            if (Encloses(directory.FullName, Directory.GetCurrentDirectory()) || Encloses(directory.FullName, AppContext.BaseDirectory))
            {
                throw new ConfigurationException($"--out {path} holds the current folder or the suite itself; --force will not empty it. Give a folder of its own for the bundle.");
            }

            foreach (var entry in entries)
            {
                if (entry is DirectoryInfo folder)
                {
                    folder.Delete(recursive: true);
                }
                else
                {
                    entry.Delete();
                }
            }
        }

        directory.Create();
    }

    private static bool Encloses(string outer, string inner)
    {
        var o = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outer)) + Path.DirectorySeparatorChar;
        var i = Path.TrimEndingDirectorySeparator(Path.GetFullPath(inner)) + Path.DirectorySeparatorChar;
        return i.StartsWith(o, StringComparison.Ordinal);
    }
}
