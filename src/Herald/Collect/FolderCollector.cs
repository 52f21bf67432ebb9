using System.Globalization;

namespace Herald.Collect;

/// <summary>
/// A watched folder. A file is taken only when it is complete: its size and modification time are the same at two
/// looks <see cref="FolderSettings.Settle"/> apart and it can be opened exclusively; names starting with a dot
/// or ending in <c>.part</c> are ignored, so a writer may also write <c>x.part</c> and rename it. Afterwards the
/// file is moved to <c>processed/</c>, or to <c>failed/</c> with a <c>.reason.txt</c> beside it.
/// </summary>
internal sealed class FolderCollector(CollectorDefinition definition, FolderSettings settings, ReportIntake intake, TimeProvider time)
    : ICollector
{
    public CollectorDefinition Definition => definition;

    public async Task<CollectorRun> RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(settings.Path);
        var first = Look();
        if (first.Count == 0) return CollectorRun.Nothing;
        if (settings.Settle > TimeSpan.Zero) await Task.Delay(settings.Settle, time, cancellationToken);
        var deliveries = new List<IntakeResult>();
        foreach (var name in FileLook.Unchanged(first, Look()))
        {
            var result = await TakeAsync(Path.Combine(settings.Path, name), cancellationToken);
            if (result is not null) deliveries.Add(result);
        }
        return new CollectorRun(deliveries);
    }

    private Dictionary<string, FileLook> Look()
    {
        var files = new Dictionary<string, FileLook>(StringComparer.Ordinal);
        foreach (var file in new DirectoryInfo(settings.Path).EnumerateFiles())
        {
            if (file.Name.StartsWith('.') || file.Name.EndsWith(".part", StringComparison.OrdinalIgnoreCase)) continue;
            files[file.Name] = new FileLook(file.Length, file.LastWriteTimeUtc);
        }
        return files;
    }

    private async Task<IntakeResult?> TakeAsync(string path, CancellationToken cancellationToken)
    {
        IntakeResult result;
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 1 << 16, useAsync: true);
        }
        catch (IOException)
        {
            return null; // still held by its writer: taken at a later run
        }
        await using (file)
            result = await intake.TakeAsync(file, Path.GetFileName(path), definition.Source, definition.Name, cancellationToken);

        var target = Path.Combine(settings.Path, result.Succeeded ? "processed" : "failed");
        Directory.CreateDirectory(target);
        var moved = FreeName(target, Path.GetFileName(path));
        File.Move(path, moved);
        if (!result.Succeeded) await File.WriteAllTextAsync(moved + ".reason.txt", result.Errors + Environment.NewLine, cancellationToken);
        return result;
    }

    /// <summary>The name in <paramref name="folder"/>, or with the time added when a file of that name is already there.</summary>
    private string FreeName(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        if (!File.Exists(path)) return path;
        var stamp = time.GetUtcNow().ToString("yyyyMMddTHHmmssfff", CultureInfo.InvariantCulture);
        for (var n = 1; ; n++)
        {
            path = Path.Combine(folder, $"{stamp}-{n}-{name}");
            if (!File.Exists(path)) return path;
        }
    }
}
