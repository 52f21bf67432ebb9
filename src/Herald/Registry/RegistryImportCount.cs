namespace Herald.Registry;

/// <summary>How many records of one kind an import added, changed, and found already as given.</summary>
public readonly record struct RegistryImportCount(int Added, int Updated, int Unchanged)
{
    public int Total => Added + Updated + Unchanged;

    public static RegistryImportCount operator +(RegistryImportCount a, RegistryImportCount b) =>
        new(a.Added + b.Added, a.Updated + b.Updated, a.Unchanged + b.Unchanged);

    public static RegistryImportCount Add(RegistryImportCount left, RegistryImportCount right) => left + right;

    public override string ToString() => $"{Added} added, {Updated} updated, {Unchanged} unchanged";
}
