namespace Herald.Notify;

/// <summary>
/// The assets of one warning as its text needs them, gathered one at a time: per issue how many there are, on which
/// ports, and the first few to list. The attachment with all of them is written from the database when the message
/// is made (<see cref="WarningAttachment"/>), so a warning about any number of assets holds only a few in memory.
/// </summary>
public sealed class WarningAssets
{
    private readonly WarningTemplates _templates;
    private readonly int _listed;
    private readonly Dictionary<string, Issue> _issues = new(StringComparer.Ordinal);

    internal WarningAssets(WarningTemplates templates, int listed)
    {
        _templates = templates;
        _listed = listed;
    }

    /// <summary>All assets added.</summary>
    public int Count { get; private set; }

    public void Add(AffectedAsset asset)
    {
        var key = _templates.KeyFor(asset.Identifier, asset.Type);
        if (!_issues.TryGetValue(key, out var issue)) _issues[key] = issue = new Issue(key);
        issue.Count++;
        Count++;
        if (asset.Port is { } port) issue.Ports.Add(port);
        if (issue.Listed.Count < _listed) issue.Listed.Add(asset);
    }

    /// <summary>The issues, the one with the most assets first.</summary>
    internal IEnumerable<Issue> Issues =>
        _issues.Values.OrderByDescending(i => i.Count).ThenBy(i => i.Key, StringComparer.Ordinal);

    /// <summary>One kind of issue: its template key, its assets counted, their ports and the first ones to list.</summary>
    internal sealed class Issue(string key)
    {
        public string Key { get; } = key;
        public int Count { get; set; }
        public SortedSet<int> Ports { get; } = [];
        public List<AffectedAsset> Listed { get; } = [];
    }
}
