namespace Herald.Registry;

/// <summary>How big a synthetic registry to make, and from which seed (the same seed gives the same registry).</summary>
public sealed record SyntheticRegistryOptions
{
    public int Organisations { get; init; } = 200;
    public long Seed { get; init; } = 1;
}
