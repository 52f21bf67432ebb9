namespace Herald.Collect;

/// <summary>A file's size and modification time at one look; a file is complete when two looks agree.</summary>
internal readonly record struct FileLook(long Size, DateTime Modified)
{
    /// <summary>The files of the second look that are unchanged since the first, in name order.</summary>
    public static IEnumerable<string> Unchanged(IReadOnlyDictionary<string, FileLook> first, IReadOnlyDictionary<string, FileLook> second) =>
        second.Where(s => first.TryGetValue(s.Key, out var before) && before == s.Value).Select(s => s.Key).Order(StringComparer.Ordinal);
}
