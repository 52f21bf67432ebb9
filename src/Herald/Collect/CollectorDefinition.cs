namespace Herald.Collect;

/// <summary>One collector from collectors.yaml: what it fetches, how often, and which source its reports belong to.</summary>
public sealed record CollectorDefinition(string Name, CollectorKind Kind, string Source, TimeSpan Interval, CollectorSettings Settings);
