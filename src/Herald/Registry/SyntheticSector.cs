namespace Herald.Registry;

/// <summary>A sector for synthetic organisations: its name in the registry, whether it is a vital sector, how common it is, and name patterns.</summary>
internal sealed record SyntheticSector(string Name, bool Vital, int Weight, string[] Patterns);
