namespace Herald.Registry;

/// <summary>The kinds of registry record, in the order an import handles them (organisations name partners).</summary>
public enum RegistryTable
{
    Partners,
    NetworkOwners,
    Organisations,
}
