namespace Herald.Registry;

/// <summary>What an import did: counts per kind of record, and every record or column it left out with the reason.</summary>
public sealed class RegistryImportResult
{
    private readonly List<RegistryProblem> _problems = [];

    public RegistryImportCount Partners { get; internal set; }
    public RegistryImportCount NetworkOwners { get; internal set; }
    public RegistryImportCount Organisations { get; internal set; }
    public IReadOnlyList<RegistryProblem> Problems => _problems;

    internal void Add(RegistryProblem problem) => _problems.Add(problem);

    internal void AddRange(IEnumerable<RegistryProblem> problems) => _problems.AddRange(problems);

    internal void Merge(RegistryImportResult other)
    {
        Partners += other.Partners;
        NetworkOwners += other.NetworkOwners;
        Organisations += other.Organisations;
        _problems.AddRange(other._problems);
    }

    public override string ToString() =>
        $"organisations: {Organisations}; partners: {Partners}; network owners: {NetworkOwners}; {_problems.Count} problem(s)";
}
