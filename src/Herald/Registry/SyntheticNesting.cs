namespace Herald.Registry;

/// <summary>An intended overlap in a synthetic registry: a small organisation's network inside a larger organisation's network, where the most specific must win.</summary>
public sealed record SyntheticNesting(string InnerKvk, string InnerNetwork, string OuterKvk, string OuterNetwork);
